"""Reading OPML from other feed readers, and what a hostile list file cannot do."""

from __future__ import annotations

from store.fetch.opml import read_feed_list, write_opml
from store.fetch.subscriptions import Subscription

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Exported from another reader</title></head><body>
  <outline text="Conflict" title="Conflict">
    <outline type="rss" text="Long War Journal" xmlUrl="https://www.longwarjournal.org/feed"
             htmlUrl="https://www.longwarjournal.org" category="/syria,/isis"/>
  </outline>
  <outline type="rss" text="Plain" xmlUrl="http://plain.example/rss"/>
  <outline type="rss" text="Mail" xmlUrl="mailto:someone@example.org"/>
</body></opml>"""


def test_folders_and_categories_become_tags() -> None:
    found = read_feed_list(NESTED)
    assert [(f.url, f.tags, f.title) for f in found.feeds] == [
        ("https://www.longwarjournal.org/feed", ("syria", "isis", "Conflict"), "Long War Journal"),
        ("http://plain.example/rss", (), "Plain"),
    ]
    assert found.problems == ["passed over mailto:someone@example.org: not an http(s) URL"]


def test_entities_are_never_expanded() -> None:
    """A billion-laughs OPML stays small: the parser expands no declared entity."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "'
        + b"x" * 1000
        + b'">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&" + bytes([97 + i]) + b";") * 10)
            for i in range(8)
        )
        + b']><opml version="2.0"><body><outline type="rss" text="&i;" '
        b'xmlUrl="http://x.example/feed"/></body></opml>'
    )
    [feed] = read_feed_list(bomb).feeds
    assert feed.url == "http://x.example/feed" and len(feed.title or "") < 100


def test_written_opml_is_version_2_with_tags_as_categories() -> None:
    data = write_opml(
        [
            Subscription("http://a.example/feed?x=1&y=2", "A & B", ("war", "x,y")),
            Subscription("http://b.example/rss"),
        ]
    )
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<opml version=\"2.0\">")
    assert b'category="war,x y"' in data and b"x=1&amp;y=2" in data
    feeds = read_feed_list(data).feeds
    assert [(f.url, f.title, f.tags) for f in feeds] == [
        ("http://a.example/feed?x=1&y=2", "A & B", ("war", "x y")),
        ("http://b.example/rss", None, ()),
    ]
