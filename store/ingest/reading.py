"""Reading a document's bytes into text, refusing what is not text.

Every failure is an :class:`ImportFailure` with a plain reason: empty, too large, binary, or an
encoding we could not decode. A file that is not UTF-8 is decoded in the encoding it declares
(an XML prolog or an HTML ``<meta charset>``: a feed in windows-1251 reads as Cyrillic, not as
1252 mojibake); without a declaration Windows-1252 is decoded (it is common in saved pages) and
said so in a warning.
"""

from __future__ import annotations

import codecs
import errno
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from store.ingest.errors import ImportFailure

MAX_BYTES = 32 * 1024 * 1024
"""Larger files are refused: no real article, feed or page export of one comes near this.

Formats read line by line (JSON Lines) never hold the whole file, so their size is free; each
of their records is held whole, so one record has this same limit.
"""

HEAD_BYTES = 64 * 1024
"""How much of a file is read to tell its format."""

_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")
_META_CHARSET = re.compile(r"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_CONTROL_RATIO = 0.01
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
"""Control characters but tab, line and page breaks (\\t \\n \\v \\f \\r)."""


def count_controls(text: str) -> int:
    """How many control characters (but tab and line breaks) ``text`` holds.

    In UTF-8 a byte below 0x20 is always that ASCII character (the bytes of longer characters
    are all 0x80 or above), so deleting them from the encoded text counts them in C: 0.6 ms a
    150 kB page against 2.4 ms for a regular expression scanning the text.
    """
    return count_control_bytes(text.encode("utf-8", "surrogatepass"))


def count_control_bytes(data: bytes) -> int:
    """:func:`count_controls` of UTF-8 text as it came, without decoding it (the same count)."""
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


@dataclass(slots=True)
class DocumentText:
    """A file's decoded text, the encoding used and anything worth telling the user."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def os_reason(error: OSError) -> str:
    """Why a file cannot be read, in one line: "no such file or folder", "a symlink loop"."""
    if error.errno == errno.ELOOP:
        return "a symbolic link loop: the link leads back to itself"
    if error.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {error.strerror or error}"


def mebibytes(size: int) -> str:
    """``33.6 MiB``: sizes against a limit of 32 MiB are said in the limit's own unit."""
    return f"{size / 2**20:.1f} MiB"


def regular_file_size(path: Path) -> int:
    """The size of a plain file; a FIFO or device would block or never end, so it is refused."""
    try:
        info = path.stat()
    except FileNotFoundError as error:
        if path.is_symlink():
            raise ImportFailure("cannot read: a symbolic link to a file that is gone") from error
        raise ImportFailure(os_reason(error)) from error
    except OSError as error:
        raise ImportFailure(os_reason(error)) from error
    if not stat.S_ISREG(info.st_mode):
        raise ImportFailure("not a regular file")
    return info.st_size


def read_document_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """Read a file's bytes, refusing empty, oversized and unreadable files (larger than
    ``max_bytes``, by default :data:`MAX_BYTES` as it is when called)."""
    if max_bytes is None:
        max_bytes = MAX_BYTES
    size = regular_file_size(path)
    try:
        if size > max_bytes:
            raise ImportFailure(
                f"too large: {mebibytes(size)} (the limit is {max_bytes // 2**20} MiB)"
            )
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise ImportFailure("empty file")
    return data


def declared_encoding(data: bytes) -> str | None:
    """The encoding a file declares at its start (an XML prolog's ``encoding="windows-1251"``,
    an HTML ``<meta charset>``), as a Python codec name; None when none or unknown.

    ISO-8859-1 and US-ASCII are read as Windows-1252, as browsers do: pages that say Latin-1
    mostly mean 1252 (curly quotes, the euro sign).
    """
    head = data[:4096].decode("ascii", errors="replace")
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if found is None:
        return None
    try:
        name = codecs.lookup(found.group(1)).name
    except LookupError:
        return None
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def decode_document(data: bytes) -> DocumentText:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, the encoding the file declares, or
    Windows-1252 (with a warning, once per file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="strict"), "utf-16")
    if b"\x00" in data:
        raise ImportFailure("binary data, not text")
    try:
        return _checked(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_encoding(data)
    if declared is not None and declared not in ("utf-8", "utf-16"):
        try:
            return _checked(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass  # the declaration is wrong: fall back as if there were none
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFailure("not text in UTF-8 or Windows-1252") from error
    decoded = _checked(text, "cp1252")
    decoded.warnings.append("not UTF-8: decoded as Windows-1252")
    return decoded


def _checked(text: str, encoding: str) -> DocumentText:
    controls = count_controls(text)
    if controls > max(16, len(text) * _CONTROL_RATIO):
        raise ImportFailure("binary data, not text")
    return DocumentText(text=text, encoding=encoding)


def read_document(path: Path, max_bytes: int | None = None) -> DocumentText:
    """Read and decode one file (see :func:`decode_document`)."""
    return decode_document(read_document_bytes(path, max_bytes))


def read_head(path: Path, size: int = HEAD_BYTES) -> str:
    """The start of a file as text, to tell its format without reading all of it.

    Refuses what :func:`read_document` refuses for reasons visible in the head (empty, binary,
    undecodable); a multi-byte character cut at the end of the head is left out, not an error.
    """
    regular_file_size(path)
    try:
        with path.open("rb") as file:
            data = file.read(size)
    except OSError as error:
        raise ImportFailure(f"cannot read: {error.strerror or error}") from error
    if not data.strip():
        raise ImportFailure("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(codecs.getincrementaldecoder("utf-16")().decode(data), "utf-16").text
    if b"\x00" in data:
        raise ImportFailure("binary data, not text")
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except UnicodeDecodeError:
        text = data.decode(declared_encoding(data) or "cp1252", errors="replace")
    return _checked(text, "head").text
