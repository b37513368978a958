"""The common shapes of a written date, read quickly before dateparser is asked.

dateparser reads almost anything in any language, but at 3-10 ms a call; a thread of 500
comments dated "22. Dezember 2019 um 11:16 Uhr" would take seconds. Most comment dates have one
of a few shapes: a day, a month name (or number) and a four-digit year, and maybe a time
("14:02", "2:33 pm"). :func:`quick_date` reads those with Babel's month names for the page's
languages and answers None for anything else (relative times, week days without a date, two
candidate days), which then goes to dateparser. It never guesses: a shape it is unsure of is
not its to read.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_TIME = re.compile(
    r"(?<![\d./-])(\d{1,2})[:h.](\d\d)(?::(\d\d))?(?![\d]|[./-]\d)\s*"
    r"(a\.?\s?m\.?|p\.?\s?m\.?)?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"(?<![\d:])[+-]\d\d:?\d\d(?!\d)|\b(?:[Uu][Tt][Cc]|[Gg][Mm][Tt]|Z)\b"
    r"|\b(?:[ECMP][SD]T|CES?T|BST|IST|JST|AEST)\b"
)
_NUMERIC = re.compile(r"(?<!\d)(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?!\d)")
_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|e|º|°)?\.?(?!\d)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+\.?")


@lru_cache(maxsize=32)
def _month_names(languages: tuple[str, ...]) -> dict[str, int]:
    """Month names and abbreviations (with and without a final dot) of the languages."""
    names: dict[str, int] = {}
    for language in languages:
        try:
            Locale.parse(language)
        except (UnknownLocaleError, ValueError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, language).items():
                    folded = name.casefold()
                    names.setdefault(folded, number)
                    names.setdefault(folded.rstrip("."), number)
    names.setdefault("sept", 9)
    return names


def quick_date(
    text: str, languages: tuple[str, ...], day_first: bool, year: int | None = None
) -> datetime | None:
    """A naive datetime for a written date of a common shape, else None (ask dateparser).

    ``year`` is used when the text has none ("Jun 20th at 2:41 am"), with a month name only.
    """
    years = _YEAR.findall(text)
    if not years and year is not None and not _NUMERIC.search(text):
        years = [str(year)]
    if len(years) != 1 or _ZONE.search(text):
        return None  # no year, two years, or a zone to honour: dateparser's
    rest, hour, minute, second = text, 0, 0, 0
    times = list(_TIME.finditer(text))
    if len(times) > 1:
        return None
    if times:
        found = times[0]
        hour, minute, second = int(found[1]), int(found[2]), int(found[3] or 0)
        half = (found[4] or "").casefold().replace(".", "").replace(" ", "")
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        rest = text[: found.start()] + " " + text[found.end() :]
    numeric = _NUMERIC.search(rest)
    if numeric:
        return _numeric(numeric, day_first, hour, minute, second)
    names = _month_names(languages)
    months = [
        m
        for w in _WORD.findall(rest)
        if (m := names.get(w.casefold()) or names.get(w.casefold().rstrip(".")))
    ]
    if len(months) != 1:
        return None
    rest = _YEAR.sub(" ", rest)
    days = [int(d) for d in _NUMBER.findall(rest)]
    if len(days) != 1:
        return None
    return _made(int(years[0]), months[0], days[0], hour, minute, second)


def _numeric(
    found: re.Match[str], day_first: bool, hour: int, minute: int, second: int
) -> datetime | None:
    first, middle, last = (int(v) for v in found.groups())
    if first > 31:  # 2019-12-22
        return _made(first, middle, last, hour, minute, second)
    if last < 100:
        return None  # a two-digit year: leave it to dateparser
    day, month = (first, middle) if day_first else (middle, first)
    return _made(last, month, day, hour, minute, second)


def _made(year: int, month: int, day: int, hour: int, minute: int, second: int) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
