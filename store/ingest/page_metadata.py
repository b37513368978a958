"""A page's title, author, date and site: trafilatura's reading, corrected where it is known to
go wrong on real pages.

- The title: a CMS placeholder ("escenic") gives way to the page's ``og:title``, ``<h1>`` or
  ``<title>``; a trailing " | DW | 10.06.2013" (the site's name, a date) is cut.
- The author: the byline's furniture is cleaned (:mod:`store.ingest.bylines`); trafilatura drops
  the dots of initials ("Perry Bacon Jr", "J O Haselhoef"), so a name is given back as the page
  writes it when the page has it; when nobody is left (an outlet, a desk), the page's JSON-LD
  ``Person`` authors are used.
- The date: the publication time the page declares (``article:published_time``, JSON-LD
  ``datePublished``) wins over htmldate's guess from the text, which may be a modified date or
  a date in the sidebar.
- The site: when trafilatura has only the host name, the title's last segment is used if it
  spells the same name ("… | The Times of Israel" for timesofisrael.com).
"""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from store.ingest.bylines import clean_byline, is_placeholder_title
from store.ingest.html_text import tidy

_SEGMENT = re.compile(r"\s+[|–—-]\s+|\s+\|\s*")
_DATE_SEGMENT = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_LETTERS = re.compile(r"[\W_]+")
BYLINE_SELECTORS = (
    "[itemprop='author'] [itemprop='name']",
    "a[rel='author']",
    ".author-name",
    ".author_single",
    ".byline__author",
    ".byline-author",
)
"""Where pages write the byline, read when trafilatura and JSON-LD name nobody."""
_SCAN = 2_000_000
"""Characters of a page searched for a name as written (a byline sits near the top)."""


def page_title(title: str | None, tree: LexborHTMLParser, site: str | None) -> str:
    """The headline; "" when the page has none (the caller falls back to the first line)."""
    title = tidy(title or "")
    if is_placeholder_title(title, site):
        title = ""
        for candidate in (_meta(tree, "og:title"), _text(tree, "h1"), _text(tree, "title")):
            if candidate and not is_placeholder_title(candidate, site):
                title = candidate
                break
    return _without_site_suffix(title, site)


def _without_site_suffix(title: str, site: str | None) -> str:
    """ "Uncork the mystery … | DW | 10.06.2013" -> "Uncork the mystery …": trailing segments
    that are the site's name or a date are cut, the headline is kept as written."""
    separators = list(_SEGMENT.finditer(title))
    site_letters = _letters(site or "")
    cut = len(title)
    for separator in reversed(separators):
        last = title[separator.end() : cut].strip()
        letters = _letters(last)
        is_site = bool(
            site_letters and letters and (letters in site_letters or site_letters in letters)
        )
        if not (_DATE_SEGMENT.fullmatch(last) or is_site):
            break
        cut = separator.start()
    return title[:cut].strip() or title


def page_author(
    author: str | None, tree: LexborHTMLParser, html: str, site: str | None
) -> str | None:
    """The people the page names as its authors, as it writes them; None for none."""
    people = clean_byline((author or "").replace("; ", " and "), site)
    if people is None:
        people = clean_byline(" and ".join(_json_ld_people(tree)), site)
    for selector in BYLINE_SELECTORS:
        if people is not None:
            break
        people = clean_byline(_text(tree, selector), site)
    if people is None:
        return None
    return " and ".join(_as_written(name, html) for name in people.split(" and "))


def _as_written(name: str, html: str) -> str:
    """The name with the dots trafilatura took out of it, when the page spells it so."""
    tokens = name.split()
    if len(tokens) < 2 or "." in name:
        return name
    pattern = r"\b" + r"\.?\s*".join(re.escape(t) for t in tokens) + r"\.?(?![\w])"
    found = re.search(pattern, html[:_SCAN])
    if found is None:
        return name
    written = " ".join(found.group(0).split())
    return written if written.replace(".", "").replace(" ", "") == name.replace(" ", "") else name


def declared_published(tree: LexborHTMLParser) -> str | None:
    """The publication time the page declares in its metadata, as written."""
    for value in (_meta(tree, "article:published_time"), *_json_ld_values(tree, "datePublished")):
        if value and re.match(r"\d{4}-\d\d-\d\d", value):
            return value
    return None


def page_site(site: str | None, hostname: str | None, tree: LexborHTMLParser) -> str | None:
    """The site's name; a name spelt from the host ("Timesofisrael", "world.kbs.co.kr") gives
    way to the title's last segment when that spells the same name."""
    host = _letters((hostname or "").removeprefix("www.").split(".")[0])
    from_host = site is None or "." in site or (" " not in site and _letters(site) == host)
    if not from_host:
        return site
    title = _text(tree, "title")
    if title and host:
        last = _SEGMENT.split(title)[-1].strip()
        letters = _letters(last)
        if last != title and letters and (host in letters or letters in host):
            return last
    return site or hostname


def _letters(text: str) -> str:
    return _LETTERS.sub("", text.casefold())


def _meta(tree: LexborHTMLParser, name: str) -> str:
    node = tree.css_first(f"meta[property='{name}'], meta[name='{name}']")
    return tidy(node.attributes.get("content") or "") if node is not None else ""


def _text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return tidy(node.text(separator=" ")) if node is not None else ""


def _json_ld(tree: LexborHTMLParser) -> list[Any]:
    objects: list[Any] = []
    for script in tree.css("script[type='application/ld+json']"):
        try:
            data = json.loads(script.text(deep=True) or "null")
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = [data]
        while stack:
            value = stack.pop()
            if isinstance(value, list):
                stack.extend(reversed(value))
            elif isinstance(value, dict):
                objects.append(value)
                if "@graph" in value:
                    stack.append(value["@graph"])
    return objects


def _json_ld_values(tree: LexborHTMLParser, key: str) -> list[str]:
    return [v for obj in _json_ld(tree) if isinstance(v := obj.get(key), str)]


def _json_ld_people(tree: LexborHTMLParser) -> list[str]:
    """Names of ``Person`` authors of the page's articles in JSON-LD."""
    names: list[str] = []
    for obj in _json_ld(tree):
        if "author" not in obj:
            continue
        authors = obj["author"] if isinstance(obj["author"], list) else [obj["author"]]
        for person in authors:
            if (
                isinstance(person, dict)
                and person.get("@type") == "Person"
                and isinstance(person.get("name"), str)
                and person["name"] not in names
            ):
                names.append(person["name"])
    return names
