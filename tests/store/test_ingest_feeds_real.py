"""Feeds as the web writes them: declared encodings, relative links, feed-level authors, dates
in other languages and zones, JSON Feed; and the dev set's real feeds, checked against what
their XML says (read here with ElementTree, not feedparser)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from store.importer import import_paths, load_file
from store.store import Store

MOJIBAKE = ("Ã", "Â", "â€", "\ufffd", "Ð", "Ñ\x80")
AUTHOR_TAGS = (
    "{http://www.w3.org/2005/Atom}author",
    "{http://purl.org/dc/elements/1.1/}creator",
    "author",
)


def _entries(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()  # noqa: S314 (test data, not untrusted input)
    return [
        e
        for e in root.iter()
        if e.tag in ("item", "{http://www.w3.org/2005/Atom}entry", "{http://purl.org/rss/1.0/}item")
    ]


def _names_an_author(entry: ET.Element) -> bool:
    for element in entry.iter():
        if element.tag in AUTHOR_TAGS:
            text = "".join(element.itertext()).strip()
            if text and not ("@" in text and " " not in text):  # a bare address names no one
                return True
    return False


def test_dev_set_xml_feeds_import_with_characters_links_authors_and_dates(real_world: Path) -> None:
    feeds = sorted(p for p in (real_world / "feeds").iterdir() if p.suffix != ".json")
    assert len(feeds) >= 9
    for path in feeds:
        drafts = load_file(path)
        entries = _entries(path)
        assert len(drafts) >= len(entries) * 0.9, path.name  # duplicates by guid may go
        for draft in drafts:
            text = draft.title + draft.body + (draft.author or "") + (draft.site or "")
            assert not any(bad in text for bad in MOJIBAKE), (path.name, draft.title)
            assert draft.url is not None and draft.url.startswith("http"), (path.name, draft.title)
            assert draft.published is not None, (path.name, draft.title)
        with_author = sum(1 for e in entries if _names_an_author(e))
        assert sum(1 for d in drafts if d.author) >= with_author * 0.9, path.name


def test_dev_set_relative_atom_links_feed_author_and_offsets(real_world: Path) -> None:
    tpm = load_file(real_world / "feeds" / "danmactough_node-feedparser__tpm.atom")
    assert tpm[0].url == (
        "http://talkingpointsmemo.com/livewire/"
        "hannity-announces-fox-hired-sebastian-gorka-national-security-strategist"
    )
    assert tpm[0].published == datetime(2017, 11, 8, 23, 15, 58, tzinfo=UTC)
    assert tpm[0].published is not None and tpm[0].published.utcoffset() == timedelta(hours=-5)
    heise = load_file(real_world / "feeds" / "rbren_rss-parser__heise.atom")
    assert {d.author for d in heise} == {"heise online"}  # the feed's author, given to all


def test_dev_set_latin1_feed_once_and_right(real_world: Path, store: Store) -> None:
    drafts = load_file(real_world / "feeds" / "rbren_rss-parser__encoding.rss")
    assert drafts[0].title == "Mãe de utente é a nova presidente da Raríssimas"
    assert sum(len(d.warnings) for d in drafts) == 0  # declared ISO-8859-1: honoured, no guess


def test_dev_set_json_feed(real_world: Path, store: Store) -> None:
    path = real_world / "feeds" / "adbar_trafilatura__feed.json"
    drafts = load_file(path)
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    assert len(drafts) == len(items)
    assert drafts[0].title == "Keller Rinaudo: How can delivery drones save lives?"
    assert drafts[0].url is not None and "utm_" not in drafts[0].url
    assert all(d.author for d in drafts) and all(d.published for d in drafts)
    assert drafts[0].published is not None and drafts[0].published.utcoffset() == timedelta(
        hours=-4
    )
    report = import_paths(store, [path])
    assert report.ok and report.added == len(items)


CYRILLIC = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости Бузулука</title><link>https://buzuluk.example/</link>
<language>ru</language>
<item><title>В Бузулуке открыли мост</title><link>/news/most</link>
<pubDate>Ср, 03 янв 2018 13:47:00 +0500</pubDate>
<description>Мост открыли после ремонта.</description></item>
<item><title>Второй</title><link>/news/2</link><pubDate>Wed, 03 Jan 2018 10:00:00 +0500</pubDate>
<description>Ещё одна новость.</description></item>
</channel></rss>
"""


def test_windows_1251_feed_reads_as_cyrillic_with_local_dates(tmp_path: Path) -> None:
    path = tmp_path / "buzuluk.rss"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    first, second = load_file(path)
    assert first.title == "В Бузулуке открыли мост"
    assert first.site == "Новости Бузулука"
    assert first.url == "https://buzuluk.example/news/most"  # relative, against the site
    assert first.published == datetime(2018, 1, 3, 8, 47, tzinfo=UTC)  # Russian day and month
    assert second.published is not None and second.published.utcoffset() == timedelta(hours=5)
    assert not first.warnings and not second.warnings


def test_undeclared_1252_feed_warns_once_per_file(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Caf\u00e9 {n}</title><link>https://c.example/{n}</link>"
        f"<description>\u201cQuoted\u201d {n}</description></item>"
        for n in range(40)
    )
    path = tmp_path / "cafe.rss"
    path.write_bytes(
        f"<rss version='2.0'><channel><title>C</title>{items}</channel></rss>".encode("cp1252")
    )
    drafts = load_file(path)
    assert len(drafts) == 40 and drafts[3].title == "Café 3"
    assert [w for d in drafts for w in d.warnings] == ["not UTF-8: decoded as Windows-1252"]


ATOM_BASE = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/2024/">
<title>Blog</title><id>urn:x</id><updated>2024-06-01T10:00:00Z</updated>
<author><name>Ana Ruiz</name></author>
<entry><id>urn:1</id><title>One</title><link href="one.html"/>
<updated>2024-06-01T00:00:00</updated><summary>First.</summary></entry>
<entry><id>urn:2</id><title>Two</title><link href="/about/two"/>
<author><name>Bo Lee</name></author><updated>2024-06-02</updated><summary>Second.</summary></entry>
</feed>
"""


def test_atom_xml_base_feed_author_and_naive_dates_as_written(tmp_path: Path) -> None:
    path = tmp_path / "blog.atom"
    path.write_text(ATOM_BASE, encoding="utf-8")
    one, two = load_file(path)
    assert (one.url, two.url) == (
        "https://blog.example/2024/one.html",
        "https://blog.example/about/two",
    )
    assert (one.author, two.author) == ("Ana Ruiz", "Bo Lee")
    # No zone written: the day stays the day written, in every reader's zone.
    assert one.published is not None and one.published.date().isoformat() == "2024-06-01"
    assert two.published is not None and two.published.date().isoformat() == "2024-06-02"


@pytest.mark.parametrize("version", ["1", "1.1"])
def test_json_feed_versions(tmp_path: Path, version: str) -> None:
    people = (
        '"authors": [{"name": "Mia Chen"}, {"name": "Tom Hale"}]'
        if version == "1.1"
        else '"author": {"name": "Mia Chen"}'
    )
    feed = (
        f'{{"version": "https://jsonfeed.org/version/{version}", "title": "Desk", '
        f'"home_page_url": "https://desk.example/", {people}, "items": ['
        '{"id": "1", "url": "/2024/flood", "title": "Flood", "content_html": "<p>The council '
        'said 300 homes flooded.</p>", "date_published": "2024-03-01T08:00:00+01:00", '
        '"tags": ["weather"]},'
        '{"id": "2", "external_url": "https://other.example/x", "content_text": "No title here.",'
        ' "authors": [{"name": "Own Author"}], "author": {"name": "Own Author"}}]}'
    )
    path = tmp_path / "desk.json"
    path.write_text(feed, encoding="utf-8")
    first, second = load_file(path)
    assert first.url == "https://desk.example/2024/flood"
    assert first.body == "The council said 300 homes flooded."
    assert first.author == ("Mia Chen and Tom Hale" if version == "1.1" else "Mia Chen")
    assert first.published == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
    assert first.tags == ["weather"] and first.site == "Desk"
    assert (second.title, second.author) == ("No title here.", "Own Author")


def test_json_feed_without_items_is_a_clear_error(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "empty.json"
    path.write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "title": "x"}', encoding="utf-8"
    )
    report = import_paths(store, [path])
    assert not report.ok
    assert report.failures[0].reason == "a JSON Feed without an items list"
