"""RSS and Atom feeds: one article per entry, with text, author, UTC date, link and tags."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from store.importer import import_paths, load_file
from store.store import Store
from tests.conftest import SAMPLE_DIR

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Courier</title><link>https://courier.example/</link>
{items}
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Data Desk</title><id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-06-02T10:00:00Z</updated>
  <entry>
    <title type="html">Rents rose &lt;em&gt;9%&lt;/em&gt;, agency says</title>
    <link rel="alternate" href="https://datadesk.example/rents?utm_campaign=feed"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <updated>2024-06-01T18:30:00+02:00</updated>
    <author><name>Jo Park</name></author>
    <category term="housing"/><category term="prices"/>
    <content type="html">&lt;p&gt;The housing agency said rents rose 9 percent.&lt;/p&gt;
     &lt;p&gt;Tenant groups
     dispute the figure.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Second entry</title>
    <link href="https://datadesk.example/second"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2024-05-30T08:00:00Z</updated>
    <summary>Officials said 12 stations would close.</summary>
  </entry>
</feed>
"""


def _item(title: str, link: str | None = None, guid: str | None = None, extra: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    parts.append(f"<description>{title}: the mayor said 40 buses were added.</description>")
    return f"<item>{''.join(parts)}{extra}</item>"


def test_rss_entry_becomes_an_article_with_text_author_date_link_and_tags(tmp_path: Path) -> None:
    extra = (
        "<author>desk@courier.example (Ana Ruiz)</author>"
        "<pubDate>Mon, 03 Jun 2024 09:30:00 +0200</pubDate>"
        "<category>Transport</category><category>City hall</category>"
        "<content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'><![CDATA["
        "<p>The mayor said <b>40 buses</b> were added.</p><p>Drivers say 25.</p>"
        "<script>track()</script>]]></content:encoded>"
    )
    feed = tmp_path / "courier.rss"
    feed.write_text(
        RSS.format(
            items=_item("Buses", "https://courier.example/buses?utm_source=rss", "c-1", extra)
        ),
        encoding="utf-8",
    )
    [draft] = load_file(feed)
    assert draft.title == "Buses"
    assert draft.body == "The mayor said 40 buses were added.\nDrivers say 25."
    assert draft.author == "Ana Ruiz"
    assert draft.published == datetime(2024, 6, 3, 7, 30, tzinfo=UTC)
    assert draft.url == "https://courier.example/buses"
    assert draft.tags == ["Transport", "City hall"]
    assert draft.site == "Valley Courier"
    assert draft.claims


def test_atom_entries(tmp_path: Path) -> None:
    feed = tmp_path / "desk.atom"
    feed.write_text(ATOM, encoding="utf-8")
    first, second = load_file(feed)
    assert first.title == "Rents rose 9%, agency says"
    assert (
        first.body == "The housing agency said rents rose 9 percent.\nTenant groups dispute "
        "the figure."
    )
    assert first.author == "Jo Park"
    assert first.published == datetime(2024, 6, 1, 16, 30, tzinfo=UTC)
    assert first.url == "https://datadesk.example/rents"
    assert first.tags == ["housing", "prices"]
    assert second.body == "Officials said 12 stations would close."


def test_entries_without_guid_are_keyed_by_link(tmp_path: Path) -> None:
    items = "".join(
        [
            _item("Repeated without guid", "https://courier.example/a"),
            _item("Repeated without guid", "https://courier.example/a"),
            _item("Same guid twice", "https://courier.example/b", guid="g-2"),
            _item("Same guid twice, edited", "https://courier.example/b", guid="g-2"),
            _item("Other link", "https://courier.example/c"),
        ]
    )
    feed = tmp_path / "courier.xml"
    feed.write_text(RSS.format(items=items), encoding="utf-8")
    drafts = load_file(feed)
    assert [d.title for d in drafts] == ["Repeated without guid", "Same guid twice", "Other link"]


def test_the_same_entry_in_two_feeds_is_stored_once(store: Store, tmp_path: Path) -> None:
    shared = _item("Shared story", "https://courier.example/shared?utm_source=one")
    (tmp_path / "one.xml").write_text(RSS.format(items=shared), encoding="utf-8")
    other = _item(
        "Shared story", "https://courier.example/shared?utm_medium=two#top", guid="another-guid"
    ) + _item("Only here", "https://courier.example/only")
    (tmp_path / "two.xml").write_text(RSS.format(items=other), encoding="utf-8")
    report = import_paths(store, [tmp_path])
    assert (report.added, report.unchanged) == (2, 1)
    assert sorted(a.title for a in store.list_articles()) == ["Only here", "Shared story"]


def test_sample_feed_imports_four_entries_and_reimport_changes_nothing(store: Store) -> None:
    feed = SAMPLE_DIR / "002_harbour_ledger_feed.xml"
    assert import_paths(store, [feed]).added == 4
    before = store.counts()
    again = import_paths(store, [feed])
    assert (again.added, again.unchanged) == (0, 4)
    assert store.counts() == before
    published = [a.published for a in store.list_articles()]
    assert all(p is not None and p.tzinfo is not None for p in published)
