"""Bylines without their furniture, and titles that are no titles.

What pages and feeds put in their author fields is often not a name: "By Rob Picheta, CNN",
"View all posts by Daniel Lemire", "Article by", "AFP/The Local", "CBS News February",
"Letters To The Editor", "No Author". :func:`clean_byline` keeps the people: it cuts the lead-in
words, job titles ("Staff Writer"), trailing dates, the outlet's own name and the wire agencies,
and answers None when nobody is left. :func:`is_placeholder_title` tells a CMS placeholder
("escenic", "Untitled") from a headline. The word lists are data: a new variant is one entry.
"""

from __future__ import annotations

import re

LEAD_INS = (
    "view all posts by",
    "all posts by",
    "more by",
    "posts by",
    "article by",
    "written by",
    "posted by",
    "published by",
    "story by",
    "words by",
    "reporting by",
    "report by",
    "text by",
    "author:",
    "authors:",
    "author",
    "by:",
    "by",
    "von",
    "por",
    "par",
    "door",
    "di",
    "av",
    "af",
)
JOB_TITLES = (
    "staff writer",
    "staff reporter",
    "staff",
    "senior writer",
    "senior reporter",
    "reporter",
    "correspondent",
    "contributor",
    "contributing writer",
    "editor",
    "news desk",
    "desk",
    "columnist",
    "writer",
    "special to",
)
NOT_PEOPLE = frozenset(
    {
        "no author",
        "unknown",
        "unknown author",
        "anonymous",
        "admin",
        "administrator",
        "letters",
        "letters to the editor",
        "editorial board",
        "the editorial board",
        "editor",
        "editors",
        "staff",
        "guest",
        "guest author",
        "article by",
        "by",
    }
)
AGENCIES = frozenset(
    {
        "afp",
        "ap",
        "associated press",
        "reuters",
        "pa",
        "pa media",
        "dpa",
        "ani",
        "ians",
        "pti",
        "efe",
        "ansa",
        "xinhua",
        "bloomberg",
        "upi",
        "tass",
        "agence france-presse",
        "press association",
    }
)
PLACEHOLDER_TITLES = frozenset(
    {
        "escenic",
        "untitled",
        "untitled document",
        "no title",
        "home",
        "index",
        "wordpress",
        "drupal",
        "joomla",
        "arc",
        "article",
        "news",
        "default",
        "page not found",
        "null",
    }
)

_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?!\w)"
)
_BARE_MONTHS = r"(?:january|february|september|october|november|december)(?!\w)"
"""Months that may end a byline with no day or year ("CBS News February"); not May, June,
April or August, which are also names."""
_TRAILING_DATE = re.compile(
    rf"[\s,|·•–—-]*(?:(?:on|updated|published)\s+)?(?:(?<!\w){_MONTHS}\s*\d{{1,2}}"
    rf"(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?|(?<!\w){_MONTHS}\s*\d{{4}}|(?<!\w){_BARE_MONTHS}"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d\d-\d\d)\s*$",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"^\s*(?:" + "|".join(re.escape(w) for w in LEAD_INS) + r")(?=[\s:]|$)[\s:]*",
    re.IGNORECASE,
)
_JOB = re.compile(
    r"[\s,|·•–—-]+(?:" + "|".join(re.escape(w) for w in JOB_TITLES) + r")\s*$", re.IGNORECASE
)
_PARENS = re.compile(r"\s*\([^)]*\)\s*")
_SPLIT = re.compile(r"\s*(?:;|\||/|&|\band\b|\bund\b|\by\b|\bet\b|,)\s*", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS = re.compile(r"[\W_]+")


def clean_byline(text: str | None, site: str | None = None) -> str | None:
    """The people a byline names, joined with "and"; None when it names nobody.

    "By Glen Owen And Brendan Carlin For The Mail On Sunday" -> "Glen Owen and Brendan
    Carlin"; "Rob Picheta; CNN" (site CNN) -> "Rob Picheta"; "AFP/The Local" -> None.
    """
    if not text:
        return None
    text = _EMAIL.sub(" ", " ".join(text.split()))
    text = re.split(r"\s+for\s+the\s+", text, maxsplit=1, flags=re.IGNORECASE)[0]
    text = re.split(r"\s+[Ff]or\s+(?=[A-Z])", text, maxsplit=1)[0]  # "… for MailOnline"
    text = re.split(
        r",\s*illustration|,\s*photos?\b|\s+\|\s+photos?\b", text, maxsplit=1, flags=re.IGNORECASE
    )[0]
    outlets = _outlet_names(site)
    people: list[str] = []
    for part in _SPLIT.split(_PARENS.sub(" ", text)):
        name = _person(part, outlets)
        if name and name.casefold() not in {p.casefold() for p in people}:
            people.append(name)
    return " and ".join(people) or None


def _person(part: str, outlets: set[str]) -> str | None:
    name = part.strip(" ,.:;-–—|·•")
    for _ in range(3):  # "By: Staff Writer Jo", "Article by Jo, Staff, May 3"
        if _nobody(name, outlets):
            return None
        before = name
        name = _LEAD_IN.sub("", name)
        name = _TRAILING_DATE.sub("", name)
        name = _JOB.sub("", name).strip(" ,:;-–—|·•")
        if name == before:
            break
    if _nobody(name, outlets) or len(name) > 60 or len(name.split()) > 5:
        return None
    return name


def _nobody(name: str, outlets: set[str]) -> bool:
    """Whether a byline part names no person: empty, a placeholder, an agency, the outlet
    ("The Local" on The Local Sweden, "nationnews" on NationNews Barbados)."""
    folded = name.casefold()
    if not name or not _LETTER.search(name) or folded in NOT_PEOPLE or folded in AGENCIES:
        return True
    letters = _LETTERS.sub("", folded)
    return any(
        letters == outlet
        or (folded.startswith("the ") and outlet.startswith(letters))
        or (" " not in name and letters and outlet.startswith(letters))
        for outlet in outlets
    )


def _outlet_names(site: str | None) -> set[str]:
    """The outlet's own name, as letters only ("thelocalsweden", "cnn")."""
    if not site:
        return set()
    folded = site.casefold().strip()
    names = {folded, folded.removeprefix("the "), folded.split(" - ")[0], folded.split(" | ")[0]}
    return {letters for n in names if (letters := _LETTERS.sub("", n))}


def is_placeholder_title(title: str | None, site: str | None = None) -> bool:
    """Whether a title is a CMS placeholder or merely the site's name, not a headline."""
    if not title or not title.strip():
        return True
    folded = " ".join(title.split()).casefold()
    return folded in PLACEHOLDER_TITLES or (site is not None and folded == site.casefold())
