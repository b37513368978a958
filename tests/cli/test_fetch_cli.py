"""``claimdesk import URL``, ``feeds …`` and ``refresh`` as a user types them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.fetch.opml import read_feed_list
from tests.fetch_helpers import page, rss
from tests.local_server import LocalServer, Route, serving
from tui.cli import main


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as running:
        yield running


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _feed(server: LocalServer, path: str, entries: int, etag: str | None = None) -> str:
    items = [
        (f"{path} story {n}", server.url(f"{path}/{n}"), f"<p>Story {n} of {path}.</p>")
        for n in range(entries)
    ]
    return server.add(path, Route(rss(f"Feed {path}", items), "application/rss+xml", etag=etag))


def test_import_url_fetches_a_page_and_names_a_url_that_fails(
    server: LocalServer, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.add("/story", Route(page("Evacuations in the district", comments=2)))
    status, out, err = _run(capsys, "--db", db_path, "import", url, server.url("/gone"))
    assert status == 1
    assert f"added    {url}: Evacuations in the district (2 comments" in out
    assert "2 URLs: 1 added, 0 already in the store, 1 failed" in out
    assert err.strip() == f"failed   {server.url('/gone')}: 404 Not Found"
    status, out, _ = _run(capsys, "--db", db_path, "import", url)
    assert status == 0 and f"already  {url}" in out


def test_import_takes_urls_and_files_together(
    server: LocalServer, db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(page("From a file"))
    url = server.add("/web", Route(page("From the web", paragraphs=8)))
    status, out, _ = _run(capsys, "--db", db_path, "import", str(saved), url)
    assert status == 0 and "From a file" in out and "From the web" in out
    _, listed, _ = _run(capsys, "--db", db_path, "list", "articles", "--json")
    assert {a["title"] for a in json.loads(listed)} == {"From a file", "From the web"}


def test_subscribe_refresh_and_list_feeds(
    server: LocalServer, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _feed(server, "/one", 3, etag='"1"')
    two = _feed(server, "/two", 2)
    status, out, _ = _run(
        capsys, "--db", db_path, "feeds", "add", one, two, "--tag", "war", "--tag", "syria"
    )
    assert status == 0 and f"subscribed  {one}" in out
    _, out, _ = _run(capsys, "--db", db_path, "feeds", "add", one, "--tag", "isis")
    assert f"already     {one} (tags added)" in out
    bad = server.url("/bad")
    _run(capsys, "--db", db_path, "feeds", "add", bad)

    status, out, err = _run(capsys, "--db", db_path, "refresh")
    assert status == 1
    assert f"new      {one}: new 3" in out and f"new      {two}: new 2" in out
    assert err.strip() == f"failed   {bad}: 404 Not Found"
    assert "3 feeds: 5 new articles, 2 feeds with new entries, 0 with nothing new, 1 failed" in out

    server.routes["/bad"] = Route(rss("Fixed", [("Back", server.url("/b/1"), "<p>Up.</p>")]))
    status, out, _ = _run(capsys, "--db", db_path, "refresh")
    assert status == 0
    assert f"ok       {one}: unchanged" in out and f"ok       {two}: nothing new" in out
    assert f"new      {bad}: new 1" in out

    status, out, _ = _run(capsys, "--db", db_path, "feeds", "list", "--json")
    feeds = {f["url"]: f for f in json.loads(out)}
    assert feeds[one]["title"] == "Feed /one" and feeds[one]["tags"] == ["war", "syria", "isis"]
    assert feeds[one]["entries"] == 3 and feeds[one]["status"] == "unchanged"
    assert feeds[bad]["status"] == "new 1" and feeds[bad]["last_fetched"] is not None
    _, table, _ = _run(capsys, "--db", db_path, "feeds", "list")  # a pipe: TSV, whole fields
    assert table.splitlines()[0].split("\t") == [
        "title",
        "tags",
        "last_fetched",
        "entries",
        "status",
        "url",
    ]
    assert any(line.endswith(one) and "Feed /one" in line for line in table.splitlines())


def test_refresh_of_named_feeds_only(
    server: LocalServer, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = _feed(server, "/one", 1), _feed(server, "/two", 1)
    _run(capsys, "--db", db_path, "feeds", "add", one, two)
    status, out, _ = _run(capsys, "--db", db_path, "refresh", two)
    assert status == 0 and two in out and one not in out and not server.seen("/one")


def test_remove_keeps_the_articles(
    server: LocalServer, db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _feed(server, "/one", 2)
    _run(capsys, "--db", db_path, "feeds", "add", one)
    _run(capsys, "--db", db_path, "refresh")
    status, out, _ = _run(capsys, "--db", db_path, "feeds", "remove", one)
    assert status == 0 and "removed" in out
    status, _, err = _run(capsys, "--db", db_path, "feeds", "remove", one)
    assert status == 1 and err.strip() == f"claimdesk: {one}: not subscribed"
    _, out, _ = _run(capsys, "--db", db_path, "stats", "--json")
    assert json.loads(out)["articles"] == 2


def test_a_bad_url_or_timeout_is_a_usage_error(
    db_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "--db", db_path, "feeds", "add", "example.com/feed")
    assert status == 1 and err.strip() == "claimdesk: example.com/feed: not an http(s) URL"
    with pytest.raises(SystemExit) as usage:
        main(["--db", db_path, "refresh", "--timeout", "soon"])
    assert usage.value.code == 2


def test_newsboat_urls_import_and_opml_export_round_trip(
    db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(
        "# my feeds\n"
        'https://www.longwarjournal.org/feed war "middle east"\n'
        "\n"
        'http://feeds.example/a.rss?x=1&y=2 ~"A\'s feed" news !\n'
        '"query:Unread Articles:unread = \\"yes\\""\n'
        "https://plain.example/atom\n"
    )
    status, out, err = _run(capsys, "--db", db_path, "feeds", "import", str(urls))
    assert status == 0 and "3 feeds in" in out and "3 subscribed, 0 already" in out
    assert "query:Unread Articles" in err and "not an http(s) URL" in err
    opml = tmp_path / "subs.opml"
    status, out, _ = _run(capsys, "--db", db_path, "feeds", "export", "-o", str(opml))
    assert status == 0 and "3 feeds written" in out
    listed = read_feed_list(opml.read_bytes()).feeds
    assert [(f.url, f.tags) for f in listed] == [
        ("https://www.longwarjournal.org/feed", ("war", "middle east")),
        ("http://feeds.example/a.rss?x=1&y=2", ("news",)),
        ("https://plain.example/atom", ()),
    ]
    assert listed[1].title == "A's feed"
    status, _, err = _run(capsys, "--db", db_path, "feeds", "export", "-o", str(opml))
    assert status == 1 and "already exists (--force replaces it)" in err

    other = str(tmp_path / "other.sqlite3")
    _, out, _ = _run(capsys, "--db", other, "feeds", "import", str(opml))
    assert "3 subscribed" in out
    _, out, _ = _run(capsys, "--db", other, "feeds", "list", "--json")
    assert [f["tags"] for f in json.loads(out)] == [["war", "middle east"], ["news"], []]


def test_a_file_that_is_no_feed_list_is_one_line(
    db_path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.opml"
    empty.write_bytes(b"")
    status, _, err = _run(capsys, "--db", db_path, "feeds", "import", str(empty))
    assert status == 1 and err.strip() == f"claimdesk: {empty}: empty file"
    status, _, err = _run(capsys, "--db", db_path, "feeds", "import", str(tmp_path / "no"))
    assert status == 1 and "cannot read: No such file or directory" in err
