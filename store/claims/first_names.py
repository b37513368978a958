"""Whether a first name is a man's or a woman's, for "he said" / "she said" between two people.

The names and their sex come from gender-guesser's data file (Jörg Michael's dictionary of
about 48,000 first names across 50+ countries). Its ``Detector`` parses every country column
and takes about 0.9 s to build; the extractor only needs each line's sex code, which this
module reads from the same file in about 40 ms, once, on the first pronoun that needs it.

The reading is deliberately cautious: a name is "he" only when every line of it says male or
mostly male ("Chris"), "she" only when every line says female or mostly female ("Zoe"); a
name used for both ("Jean": female in English, male in French), a unisex entry ("?") or a
name not in the file gives no answer, and the text's own words decide as before.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

_MALE_CODES = frozenset({"M", "1M", "?M"})
_FEMALE_CODES = frozenset({"F", "1F", "?F"})


@cache
def _genders() -> dict[str, str]:
    """Every first name of the data file with "he", "she", or "" when its lines disagree."""
    found: dict[str, str] = {}
    try:
        data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
        lines = data.read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return found  # without the package, names give no gender: the text still does
    for line in lines:
        code = line[:2].strip()
        if code in _MALE_CODES:
            gender = "he"
        elif code in _FEMALE_CODES:
            gender = "she"
        elif code == "?":
            gender = ""
        else:
            continue  # "#" comments, "=" equivalences
        name = line[3:29].strip()
        if "+" in name or "<" in name:
            continue  # compound names and the file's own accent encoding
        known = found.get(name)
        found[name] = gender if known is None or known == gender else ""
    return found


def gender(first_name: str) -> str:
    """ "he", "she", or "" when the name's sex is not known for sure."""
    return _genders().get(first_name, "")


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name of the data file ("Roberto", "Chris", "Jean")."""
    return word in _genders()
