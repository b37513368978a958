"""When a comment (or a page) was posted, read as the page wrote it: in its language and zone.

Comment markup gives a time in one of three shapes: a machine-readable attribute (ISO 8601 in
``datetime``/``content``/``title``, or Unix seconds in ``data-time``), or only the words a
reader sees ("22. Dezember 2019 um 11:16 Uhr", "26 abril 2022 a las 14:02", "Jun 20th at 2:41
am"). Words are read by dateparser in the page's languages, day/month order taken from its
locale. A time written without a zone is in the page's zone (the offset its own article or
comment times carry), and kept in that zone (the store keeps the offset beside the UTC time);
with no zone known it is taken as written.

A time without a year ("Jun 20th") is the first such day on or after the article's date, and
only when the article has a date. A relative time ("1 hour ago", "vor 2 Tagen") is refused: on a
saved page it is relative to a moment nobody recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

import dateparser

from store.ingest.date_shapes import quick_date

_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_EPOCH = re.compile(r"\d{9,11}")
_SEPARATORS = re.compile(r"[»|•·—–]")
_MDY_REGIONS = frozenset({"us", "ph", "fm", "pw", "mh"})
"""Regions that write the month before the day (en-US "11/08/2020" is November 8)."""


@dataclass(frozen=True, slots=True)
class PageClock:
    """How one page writes times: its languages (most likely first) and its zone, if known."""

    languages: tuple[str, ...] = ("en",)
    zone: tzinfo | None = None
    day_first: bool = False
    article_date: datetime | None = None

    @classmethod
    def for_locale(
        cls, locale: str | None, zone: tzinfo | None = None, article_date: datetime | None = None
    ) -> PageClock:
        """A clock for a page in ``locale`` ("de-DE", "en_US", "es"); English is always a
        fallback, since many non-English themes still print English month names."""
        language, _, region = (locale or "").replace("_", "-").lower().partition("-")
        languages = [language] if language.isalpha() and 2 <= len(language) <= 3 else []
        if "en" not in languages:
            languages.append("en")
        day_first = not (languages[0] == "en" and (region in _MDY_REGIONS or not region))
        return cls(tuple(languages), zone, day_first, article_date)


def zone_of(moment: str | None) -> tzinfo | None:
    """The fixed offset an ISO 8601 time carries ("2020-08-15T09:35:53-07:00"), else None."""
    parsed = _iso(moment)
    return parsed.tzinfo if parsed is not None else None


def parse_machine_time(value: str | None, clock: PageClock | None = None) -> datetime | None:
    """An attribute's time with its offset: ISO 8601 (its first word, so HN's "2024-05-01T12:00:00
    1714564800" reads), or Unix seconds; None for anything else."""
    if not value:
        return None
    value = value.strip()
    if _EPOCH.fullmatch(value):
        return datetime.fromtimestamp(int(value), tz=UTC)
    moment = _iso(value) or _iso(value.split()[0] if value.split() else "")
    if moment is None:
        return None
    return _in_zone(moment, clock)


def parse_written_time(text: str | None, clock: PageClock) -> datetime | None:
    """Words a reader sees, in the page's languages, in the page's zone; None when they are no time.

    The words may carry a little furniture around the time ("Post by ann » Sat Apr 02, 2023
    10:00 am", "Posted on March 1, 2009"): when the whole fails, the part after the last
    separator is tried, then without up to three leading words.
    """
    if not text:
        return None
    text = " ".join(text.split())[:160]
    if not text or not any(ch.isdigit() for ch in text):
        return None
    moment = _written(text, clock)
    if moment is not None:
        return moment
    tail = _SEPARATORS.split(text)[-1].strip()
    words = tail.split()
    for cut in range(0 if tail != text else 1, min(4, len(words))):
        moment = _written(" ".join(words[cut:]), clock)
        if moment is not None:
            return moment
    return None


def _written(text: str, clock: PageClock) -> datetime | None:
    if not any(ch.isdigit() for ch in text):
        return None
    machine = parse_machine_time(text, clock)
    if machine is not None:
        return machine
    settings: dict[str, Any] = {
        "DATE_ORDER": "DMY" if clock.day_first else "MDY",
        "PREFER_LOCALE_DATE_ORDER": False,
        "REQUIRE_PARTS": ["month", "day"],
    }
    if _YEAR.search(text):
        quick = quick_date(text, clock.languages, clock.day_first)
        if quick is not None:
            return _in_zone(quick, clock)
        settings["REQUIRE_PARTS"] = ["year", "month", "day"]
        moment = _dateparser(text, clock, settings)  # a written year: never relative
        return _in_zone(moment, clock) if moment is not None else None
    if clock.article_date is None:
        return None
    base = clock.article_date.astimezone(clock.zone or UTC).replace(tzinfo=None)
    quick = quick_date(text, clock.languages, clock.day_first, year=base.year)
    if quick is not None:
        if quick < base - timedelta(days=1):  # "Jan 2" under an article of December 30
            quick = (
                quick.replace(year=quick.year + 1)
                if not (quick.month == 2 and quick.day == 29)
                else quick
            )
        return _in_zone(quick, clock)
    settings.update(PREFER_DATES_FROM="future", RELATIVE_BASE=base - timedelta(days=1))
    moment = _dateparser(text, clock, settings)
    if moment is None or _is_relative(text, clock, settings):
        return None
    return _in_zone(moment, clock)


def _is_relative(text: str, clock: PageClock, settings: dict[str, Any]) -> bool:
    """Whether the words move with the moment they are read at ("2 hours ago"): read them
    against two bases ten days apart; a written date gives the same day both times."""
    first = {**settings, "RELATIVE_BASE": settings.get("RELATIVE_BASE") or datetime(2001, 6, 1)}
    second = {**first, "RELATIVE_BASE": first["RELATIVE_BASE"] + timedelta(days=10)}
    one, two = _dateparser(text, clock, first), _dateparser(text, clock, second)
    return one is None or two is None or (one.month, one.day) != (two.month, two.day)


def _dateparser(text: str, clock: PageClock, settings: dict[str, Any]) -> datetime | None:
    try:
        moment = dateparser.parse(text, languages=list(clock.languages), settings=settings)
    except (ValueError, OverflowError, TypeError):  # dateparser on odd input
        return None
    return moment if isinstance(moment, datetime) else None


def _iso(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _in_zone(moment: datetime, clock: PageClock | None) -> datetime:
    """``moment`` with its zone: its own offset, else the page's, else UTC; never shifted, so
    the store keeps the offset it was written in (see :mod:`store.moments`)."""
    if moment.tzinfo is None:
        zone = clock.zone if clock is not None and clock.zone is not None else UTC
        moment = moment.replace(tzinfo=zone)
    return moment


def fixed_zone(moment: datetime | None) -> tzinfo | None:
    """A fixed-offset zone equal to ``moment``'s offset (None for a naive time)."""
    if moment is None or moment.tzinfo is None:
        return None
    offset = moment.utcoffset()
    return timezone(offset) if offset is not None else None
