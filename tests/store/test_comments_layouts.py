"""Comment layouts other than the dev set's: small pages written from each system's public
markup (Hacker News item pages, old Reddit, Discourse's crawler HTML, phpBB prosilver, XenForo 1
and 2, schema.org microdata and JSON-LD), and WordPress variants the dev set lacks."""

from __future__ import annotations

from datetime import UTC, datetime

from store.ingest.comments import read_comments
from store.ingest.posted_time import PageClock, parse_written_time


def _page(comments: str, lang: str = "en") -> str:
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>Thread</title></head><body>"
        f"<article><p>The story.</p></article>{comments}</body></html>"
    )


def _hn_row(item: int, user: str, depth: int, text: str, *, old: bool = False) -> str:
    indent = (
        f'<td class="ind"><img src="s.gif" height="1" width="{depth * 40}"></td>'
        if old
        else f'<td class="ind" indent="{depth}"><img src="s.gif" height="1" '
        f'width="{depth * 40}"></td>'
    )
    return (
        f'<tr class="athing comtr" id="{item}"><td><table border="0"><tr>{indent}'
        f'<td valign="top" class="votelinks"><center><a id="up_{item}" href="vote?id={item}">'
        f'<div class="votearrow" title="upvote"></div></a></center></td><td class="default">'
        f'<div style="margin-top:2px; margin-bottom:-10px;"><span class="comhead">'
        f'<a href="user?id={user}" class="hnuser">{user}</a> <span class="age" '
        f'title="2024-05-01T1{depth}:00:00 1714564800"><a href="item?id={item}">3 hours ago</a>'
        f'</span> <span class="navs"> | <a href="#{item + 1}" class="clicky">next</a></span> '
        f'<a class="togg clicky" id="{item}" n="1" href="javascript:void(0)">[–]</a></span>'
        f'</div><br><div class="comment"><div class="commtext c00">{text}</div><div '
        f'class="reply"><p><font size="1"><u><a href="reply?id={item}">reply</a></u></font>'
        f"</p></div></div></td></tr></table></td></tr>"
    )


def test_hacker_news_item_page_depths_become_parents() -> None:
    rows = "".join(
        [
            _hn_row(1, "pg", 0, "Top comment.<p>Second paragraph."),
            _hn_row(2, "dang", 1, "A reply."),
            _hn_row(3, "tptacek", 2, "A reply to the reply."),
            _hn_row(4, "patio11", 1, "Another reply to the top."),
            _hn_row(5, "jacquesm", 0, "A second thread."),
        ]
    )
    html = _page(f'<table border="0" class="comment-tree">{rows}</table>')
    comments = read_comments(html)
    assert [(c.author, c.parent_index) for c in comments] == [
        ("pg", None),
        ("dang", 0),
        ("tptacek", 1),
        ("patio11", 0),
        ("jacquesm", None),
    ]
    assert comments[0].body == "Top comment.\nSecond paragraph."
    assert comments[1].posted == datetime(2024, 5, 1, 11, 0, tzinfo=UTC)
    assert not any(c.body.endswith(("reply", "next", "[–]")) for c in comments)


def test_older_hacker_news_pages_indent_with_a_spacer_image() -> None:
    rows = "".join(
        [
            _hn_row(1, "a", 0, "One.", old=True),
            _hn_row(2, "b", 1, "Two.", old=True),
            _hn_row(3, "c", 0, "Three.", old=True),
        ]
    )
    comments = read_comments(_page(f'<table class="comment-tree">{rows}</table>'))
    assert [c.parent_index for c in comments] == [None, 0, None]


def _reddit(thing: str, author: str, text: str, children: str = "", deleted: bool = False) -> str:
    tagline_author = (
        "<em>[deleted]</em>"
        if deleted
        else f'<a href="https://old.reddit.com/user/{author}" class="author may-blank '
        f'id-t2_{thing}">{author}</a>'
    )
    return (
        f'<div class=" thing id-t1_{thing} noncollapsed comment " id="thing_t1_{thing}" '
        f'data-fullname="t1_{thing}" data-type="comment" data-author="{author}">'
        f'<p class="parent"><a name="{thing}"></a></p><div class="midcol unvoted"></div>'
        f'<div class="entry unvoted"><p class="tagline"><a href="javascript:void(0)" '
        f'class="expand">[–]</a>{tagline_author}<span class="userattrs"></span> '
        f'<span class="score unvoted" title="12">12 points</span> <time title="Mon Jan 1 '
        f'12:00:00 2024 UTC" datetime="2024-01-01T12:00:00+00:00" class="live-timestamp">'
        f'1 year ago</time></p><form action="#" class="usertext warn-on-unload" '
        f'id="form-t1_{thing}"><input type="hidden" name="thing_id" value="t1_{thing}">'
        f'<div class="usertext-body may-blank-within md-container "><div class="md">'
        f'<p>{text}</p></div></div></form><ul class="flat-list buttons"><li class="first">'
        f'<a href="#" class="bylink">permalink</a></li><li><a href="#">reply</a></li></ul>'
        f'</div><div class="child">'
        + (
            f'<div id="siteTable_t1_{thing}" class="sitetable listing">{children}</div>'
            if children
            else ""
        )
        + '</div><div class="clearleft"></div></div>'
    )


def test_old_reddit_thread_nests_replies_in_child_listings() -> None:
    post = (
        '<div class="sitetable linklisting"><div class=" thing id-t3_x link self" '
        'data-type="link"><div class="entry"><div class="usertext-body"><div class="md">'
        "<p>The self post.</p></div></div></div></div></div>"
    )
    thread = _reddit(
        "a1",
        "alice",
        "Top level.",
        _reddit(
            "b2",
            "bob",
            "Reply.",
            _reddit(
                "c3",
                "",
                "[deleted]",
                deleted=True,
                children=_reddit("d4", "dora", "Reply to a deleted one."),
            ),
        ),
    )
    thread += _reddit("e5", "eve", "Second thread.")
    html = _page(
        post + '<div class="commentarea"><div class="sitetable nestedlisting" '
        f'id="siteTable_t3_x">{thread}</div></div>'
    )
    comments = read_comments(html)
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("alice", "Top level.", None),
        ("bob", "Reply.", 0),
        ("dora", "Reply to a deleted one.", 1),
        ("eve", "Second thread.", None),
    ]
    assert comments[0].posted == datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


def _discourse_post(number: int, user: str, name: str, text: str) -> str:
    scope = (
        "itemprop='comment' itemscope itemtype='http://schema.org/Comment'" if number > 1 else ""
    )
    return (
        f"<div id='post_{number}' {scope} class='topic-body crawler-post'>"
        f"<div class='crawler-post-meta'><span class='creator' itemprop='author' itemscope "
        f"itemtype='http://schema.org/Person'><a itemprop='url' href='https://forum.example/u/"
        f"{user}'><span itemprop='name'>{user}</span></a> ({name})</span>"
        f"<link itemprop='mainEntityOfPage' href='https://forum.example/t/topic/7'>"
        f"<span class='crawler-post-infos'><time itemprop='datePublished' "
        f"datetime='2023-03-0{number}T09:30:00Z' class='post-time'>March {number}, 2023, "
        f"9:30am</time><meta itemprop='dateModified' content='2023-03-0{number}T09:30:00Z'>"
        f"<span itemprop='position'>{number}</span></span></div>"
        f"<div class='post' itemprop='text'><p>{text}</p></div>"
        f"<div itemprop='interactionStatistic' itemscope itemtype='http://schema.org/"
        f"InteractionCounter'><meta itemprop='interactionType' content='http://schema.org/"
        f"LikeAction'><meta itemprop='userInteractionCount' content='3'><span "
        f"class='post-likes'>3 Likes</span></div></div>"
    )


def test_discourse_crawler_posts_after_the_first_are_comments() -> None:
    posts = "".join(
        [
            _discourse_post(1, "sam", "Sam", "The topic's opening post."),
            _discourse_post(2, "jeff", "Jeff", "First answer."),
            _discourse_post(3, "ana", "Ana", "Second answer."),
        ]
    )
    html = _page(
        "<div id='main-outlet'><div itemscope itemtype='http://schema.org/"
        f"DiscussionForumPosting'>{posts}</div></div>"
    )
    comments = read_comments(html)
    assert [(c.author, c.body) for c in comments] == [
        ("jeff", "First answer."),
        ("ana", "Second answer."),
    ]
    assert comments[1].posted == datetime(2023, 3, 3, 9, 30, tzinfo=UTC)


def _phpbb_post(number: int, user: str, body: str, *, time_element: bool = True) -> str:
    when = (
        f'<time datetime="2023-04-0{number}T10:00:00+00:00">Sat Apr 0{number}, 2023 10:00 am</time>'
        if time_element
        else f"Sat Apr 0{number}, 2023 10:00 am"
    )
    return (
        f'<div id="p{number}00" class="post has-profile bg{number % 2 + 1}"><div class="inner">'
        f'<dl class="postprofile" id="profile{number}00"><dt class="has-profile-rank">'
        f'<a href="./memberlist.php?mode=viewprofile&amp;u={number}" class="username">{user}'
        f'</a></dt><dd class="profile-rank">Member</dd><dd class="profile-posts"><strong>'
        f'Posts:</strong> 12</dd></dl><div class="postbody"><div id="post_content{number}00">'
        f'<h3><a href="#p{number}00">Re: Flood figures</a></h3><ul class="post-buttons"><li>'
        f'<a href="./posting.php?mode=quote&amp;p={number}00" title="Reply with quote" '
        f'class="button"><span>Quote</span></a></li></ul><p class="author"><a class="unread" '
        f'href="./viewtopic.php?p={number}00#p{number}00" title="Post"><span>Post</span></a>'
        f'<span class="responsive-hide">by <strong><a href="./memberlist.php?mode=viewprofile'
        f'&amp;u={number}" class="username">{user}</a></strong> &raquo; </span>{when}</p>'
        f'<div class="content">{body}</div><div id="sig{number}00" class="signature">'
        f"My signature.</div></div></div></div></div>"
    )


def test_phpbb_posts_without_quotes_or_signatures() -> None:
    posts = _phpbb_post(1, "riverwatch", "The council said 300 homes flooded.") + _phpbb_post(
        2,
        "m_ortiz",
        "<blockquote><div><cite>riverwatch wrote:</cite>The "
        "council said 300 homes flooded.</div></blockquote>It was 450.",
        time_element=False,
    )
    comments = read_comments(_page(f'<div class="page-body">{posts}</div>'))
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("riverwatch", "The council said 300 homes flooded.", None),
        ("m_ortiz", "It was 450.", None),
    ]
    assert comments[0].posted == datetime(2023, 4, 1, 10, 0, tzinfo=UTC)
    assert comments[1].posted == datetime(2023, 4, 2, 10, 0, tzinfo=UTC)


def test_xenforo_2_and_1_threads() -> None:
    xf2 = (
        '<article class="message message--post js-post" data-author="Bob" '
        'data-content="post-123" id="js-post-123"><div class="message-inner"><div '
        'class="message-cell message-cell--user"><section class="message-user"><div '
        'class="message-userDetails"><h4 class="message-name"><a href="/members/bob.1/" '
        'class="username" data-user-id="1" itemprop="name">Bob</a></h4><h5 class="userTitle '
        'message-userTitle">Member</h5></div></section></div><div class="message-cell '
        'message-cell--main"><header class="message-attribution"><ul class="message-'
        'attribution-main listInline"><li><a href="/threads/x.1/post-123"><time class="u-dt" '
        'datetime="2023-01-01T10:00:00+0000" data-time="1672567200" title="Jan 1, 2023 at '
        '10:00 AM">Jan 1, 2023</time></a></li></ul></header><div class="message-content">'
        '<div class="message-userContent"><article class="message-body js-selectToQuote">'
        '<div itemprop="text"><div class="bbWrapper"><blockquote class="bbCodeBlock '
        'bbCodeBlock--quote"><div class="bbCodeBlock-content">Earlier post.</div></blockquote>'
        "The mill closed in 1998.</div></div></article></div></div></div></div></article>"
    )
    comments = read_comments(_page(f'<div class="block-body">{xf2}</div>'))
    assert [(c.author, c.body) for c in comments] == [("Bob", "The mill closed in 1998.")]
    assert comments[0].posted == datetime(2023, 1, 1, 10, 0, tzinfo=UTC)
    xf1 = (
        '<ol class="messageList" id="messageList"><li id="post-9" class="message " '
        'data-author="Kim"><div class="messageUserInfo"><div class="messageUserBlock"><h3 '
        'class="userText"><a href="members/kim.4/" class="username">Kim</a></h3></div></div>'
        '<div class="messageInfo primaryContent"><div class="messageContent"><article>'
        '<blockquote class="messageText SelectQuoteContainer ugc baseHtml">Two bridges were '
        'closed.<div class="messageTextEndMarker">&nbsp;</div></blockquote></article></div>'
        '<div class="messageMeta ToggleTriggerAnchor"><div class="privateControls"><span '
        'class="item muted"><a href="members/kim.4/" class="username author">Kim</a>, <a '
        'href="threads/x.2/#post-9" class="datePermalink"><span class="DateTime" title="Jun 3, '
        '2015 at 8:15 PM">Jun 3, 2015</span></a></span></div></div></div></li></ol>'
    )
    [kim] = read_comments(_page(xf1))
    assert (kim.author, kim.body) == ("Kim", "Two bridges were closed.")
    assert kim.posted == datetime(2015, 6, 3, 20, 15, tzinfo=UTC)


def test_schema_org_microdata_comments_with_replies() -> None:
    def comment(name: str, text: str, replies: str = "") -> str:
        return (
            f'<div itemprop="comment" itemscope itemtype="https://schema.org/Comment">'
            f'<span itemprop="author" itemscope itemtype="https://schema.org/Person">'
            f'<span itemprop="name">{name}</span></span><meta itemprop="dateCreated" '
            f'content="2022-02-02T08:00:00+01:00"><div itemprop="text"><p>{text}</p></div>'
            f"{replies}</div>"
        )

    html = _page(comment("Ines", "First.", comment("Otto", "Answer.")) + comment("Pia", "More."))
    comments = read_comments(html)
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("Ines", "First.", None),
        ("Otto", "Answer.", 0),
        ("Pia", "More.", None),
    ]
    assert comments[0].posted == datetime(2022, 2, 2, 7, 0, tzinfo=UTC)


def test_schema_org_json_ld_comments_with_replies() -> None:
    data = (
        '{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Flood", '
        '"comment": [{"@type": "Comment", "author": {"@type": "Person", "name": "Lea"}, '
        '"dateCreated": "2021-07-15T18:00:00-04:00", "text": "<p>Where are the figures?</p>", '
        '"comment": [{"@type": "Comment", "author": "Max", "text": "In the report."}]}, '
        '{"@type": "Comment", "author": [{"name": "Noor"}], "text": "Thanks."}]}'
    )
    html = _page(f'<script type="application/ld+json">{data}</script>')
    comments = read_comments(html)
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("Lea", "Where are the figures?", None),
        ("Max", "In the report.", 0),
        ("Noor", "Thanks.", None),
    ]
    assert comments[0].posted == datetime(2021, 7, 15, 22, 0, tzinfo=UTC)


def test_wordpress_old_theme_div_comments_and_trackbacks() -> None:
    """A theme of the 2000s: ``div.comment`` items, ``div.children``, the name in a bare
    ``cite`` with "says:", the date as text, and a trackback among the comments."""

    def comment(number: int, name: str, text: str, replies: str = "") -> str:
        children = f'<div class="children">{replies}</div>' if replies else ""
        return (
            f'<div class="comment" id="comment-{number}"><div class="comment-author">'
            f'<img class="avatar" src="a.png"><cite>{name}</cite> says:</div>'
            f'<div class="comment-meta"><a href="#comment-{number}">March {number}, 2009 at '
            f'{number}:15 pm</a> <a class="comment-edit-link">(Edit)</a></div>'
            f'<p>{text}</p><div class="reply"><a class="comment-reply-link">Reply</a></div>'
            f"{children}</div>"
        )

    trackback = (
        '<div class="trackback" id="comment-9"><div class="comment-author"><cite>'
        '<a href="http://other.example">Other blog</a></cite></div><p>[…] linked '
        "[…]</p></div>"
    )
    html = _page(
        '<div id="comments" class="commentlist">'
        + comment(1, "Ann", "First.", comment(2, "Bo", "Second."))
        + trackback
        + comment(3, "Cy", "Third.")
        + "</div>"
    )
    comments = read_comments(html, clock=PageClock.for_locale("en-US"))
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("Ann", "First.", None),
        ("Bo", "Second.", 0),
        ("Cy", "Third.", None),
    ]
    assert comments[1].posted == datetime(2009, 3, 2, 14, 15, tzinfo=UTC)


def test_written_times_in_the_pages_language_and_zone() -> None:
    german = PageClock.for_locale("de-DE", zone=datetime(2020, 1, 1, tzinfo=UTC).tzinfo)
    assert parse_written_time("22. Dezember 2019 um 11:16 Uhr", german) == datetime(
        2019, 12, 22, 11, 16, tzinfo=UTC
    )
    assert parse_written_time("on 11/08/2020 at 9:52", german) == datetime(
        2020, 8, 11, 9, 52, tzinfo=UTC
    )  # day first in German
    american = PageClock.for_locale("en-US")
    assert parse_written_time("11/08/2020", american) == datetime(2020, 11, 8, tzinfo=UTC)
    from datetime import timedelta, timezone

    havana = PageClock.for_locale("es", zone=timezone(timedelta(hours=-4)))
    assert parse_written_time("26 abril 2022 a las 14:02", havana) == datetime(
        2022, 4, 26, 18, 2, tzinfo=UTC
    )
    assert parse_written_time("3 hours ago", american) is None  # relative to an unknown now
    no_year = PageClock.for_locale("en", article_date=datetime(2019, 12, 30, tzinfo=UTC))
    assert parse_written_time("Jan 2nd at 2:41 am", no_year) == datetime(
        2020, 1, 2, 2, 41, tzinfo=UTC
    )  # the first Jan 2 after the article
    assert parse_written_time("vor 2 Tagen", german) is None


def test_blogger_comment_threads() -> None:
    def comment(cid: int, name: str, text: str, replies: str = "") -> str:
        thread = (
            f'<div class="comment-replies"><div id="c{cid}-rt" class="comment-thread '
            f'inline-thread"><span class="thread-toggle thread-expanded"><span '
            f'class="thread-count"><a target="_self">Replies</a></span></span><ol '
            f'id="c{cid}-ra" class="thread-chrome thread-expanded"><div>{replies}</div>'
            f"</ol></div></div>"
            if replies
            else ""
        )
        return (
            f'<li class="comment" id="c{cid}"><div class="avatar-image-container"><img '
            f'src="a.png"></div><div class="comment-block"><div class="comment-header">'
            f'<cite class="user"><a href="https://www.blogger.com/profile/{cid}">{name}</a>'
            f'</cite><span class="icon user"></span><span class="datetime secondary-text">'
            f'<a rel="nofollow" href="?showComment={cid}#c{cid}">March {cid % 28 + 1}, 2019 '
            f'at 10:00 AM</a></span></div><p class="comment-content">{text}</p><span '
            f'class="comment-actions secondary-text"><a class="comment-reply" '
            f'data-comment-id="{cid}">Reply</a><span class="item-control blog-admin">'
            f"<a>Delete</a></span></span></div>{thread}</li>"
        )

    html = _page(
        '<div class="comments" id="comments"><div class="comments-content"><div '
        'class="comment-thread toplevel-thread"><ol id="top-ra">'
        + comment(11, "Hana", "Good piece.", comment(12, "Ivo", "Agreed."))
        + comment(13, "Jon", "Sources?")
        + "</ol></div></div></div>"
    )
    comments = read_comments(html, clock=PageClock.for_locale("en-US"))
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("Hana", "Good piece.", None),
        ("Ivo", "Agreed.", 0),
        ("Jon", "Sources?", None),
    ]
    assert comments[0].posted == datetime(2019, 3, 12, 10, 0, tzinfo=UTC)


def test_drupal_comments_with_replies_after_them() -> None:
    def comment(cid: int, name: str, text: str) -> str:
        return (
            f'<a id="comment-{cid}"></a><div class="comment comment-by-anonymous clearfix" '
            f'about="/comment/{cid}#comment-{cid}" typeof="sioc:Post sioct:Comment"><div '
            f'class="attribution"><div class="submitted"><p class="commenter-name"><span '
            f'class="username" rel="sioc:has_creator">{name}</span></p><p '
            f'class="comment-time"><span property="dc:date dc:created" '
            f'content="2014-05-0{cid}T10:00:00+02:00" datatype="xsd:dateTime">Fri, '
            f'05/0{cid}/2014 - 10:00</span></p></div></div><div class="comment-text"><h3>'
            f'<a href="/comment/{cid}#comment-{cid}">Title {cid}</a></h3><div '
            f'class="content"><div class="field field-name-comment-body"><div '
            f'class="field-items"><div class="field-item even" property="content:encoded">'
            f'<p>{text}</p></div></div></div></div><ul class="links inline"><li '
            f'class="comment-reply first last"><a href="/comment/reply/1/{cid}">reply</a>'
            f"</li></ul></div></div>"
        )

    html = _page(
        '<div id="comments" class="comment-wrapper"><h2 class="title">Comments</h2>'
        + comment(1, "Kai", "First.")
        + '<div class="indented">'
        + comment(2, "Lia", "A reply.")
        + "</div>"
        + comment(3, "Mo", "Another.")
        + "</div>"
    )
    comments = read_comments(html)
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("Kai", "First.", None),
        ("Lia", "A reply.", 0),
        ("Mo", "Another.", None),
    ]
    assert comments[1].posted == datetime(2014, 5, 2, 8, 0, tzinfo=UTC)


def test_common_date_shapes_are_read_without_dateparser() -> None:
    from store.ingest.date_shapes import quick_date

    german = ("de", "en")
    assert quick_date("22. Dezember 2019 um 11:16 Uhr", german, True) == datetime(
        2019, 12, 22, 11, 16
    )
    assert quick_date("Juli 30, 2013 um 2:33 pm", german, True) == datetime(2013, 7, 30, 14, 33)
    assert quick_date("3 января 2018", ("ru", "en"), True) == datetime(2018, 1, 3)
    assert quick_date("on 11/08/2020 at 9:52", german, True) == datetime(2020, 8, 11, 9, 52)
    assert quick_date("11/08/2020", ("en",), False) == datetime(2020, 11, 8)
    assert quick_date("Jun 20th at 2:41 am", ("en",), False, year=2019) == datetime(
        2019, 6, 20, 2, 41
    )
    # Not sure: left to dateparser.
    assert quick_date("Mi, 03 Jan 2018 13:47:00 +0100", german, True) is None  # a zone
    assert quick_date("mar, 26 abr 2022", ("es", "en"), True) is None  # martes or marzo?
    assert quick_date("3 hours ago", ("en",), False, year=2019) is None


def test_woocommerce_reviews_are_comments() -> None:
    review = (
        '<li class="review byuser comment-author-ana even thread-even depth-1" id="li-comment-7">'
        '<div id="comment-7" class="comment_container"><img class="avatar" src="a.png">'
        '<div class="comment-text"><div class="star-rating" role="img" aria-label="Rated 4 out '
        'of 5"><span>Rated <strong class="rating">4</strong> out of 5</span></div><p '
        'class="meta"><strong class="woocommerce-review__author">Ana </strong><span '
        'class="woocommerce-review__dash">&ndash;</span> <time '
        'class="woocommerce-review__published-date" datetime="2021-04-05T09:00:00+00:00">'
        'April 5, 2021</time></p><div class="description"><p>Sturdy, but the battery claim '
        "(20 hours) is closer to 12.</p></div></div></div></li>"
    )
    [comment] = read_comments(
        _page(f'<div id="reviews"><ol class="commentlist">{review}</ol></div>')
    )
    assert comment.author == "Ana"
    assert comment.body == "Sturdy, but the battery claim (20 hours) is closer to 12."
    assert comment.posted == datetime(2021, 4, 5, 9, 0, tzinfo=UTC)


def test_themes_that_prefix_the_comment_classes() -> None:
    """Divi's ``comment_date`` and Astra's ``ast-comment-content``: read by the substring
    fallbacks, after the exact classes."""
    divi = (
        '<li class="comment even thread-even depth-1" id="li-comment-5"><article '
        'id="comment-5" class="comment-body clearfix"><div class="comment_avatar"><img '
        'src="a.png"></div><div class="comment_postinfo"><span class="fn"><a>Rae</a></span>'
        '<span class="comment_date">on March 1, 2020 at 10:00 am</span></div><div '
        'class="comment_area"><div class="comment-content clearfix"><p>Which survey?</p>'
        '<span class="reply-container"><a class="comment-reply-link">Reply</a></span>'
        "</div></div></article></li>"
    )
    astra = (
        '<li class="comment odd alt thread-odd depth-1" id="comment-6"><article '
        'id="div-comment-6" class="ast-comment"><div class="ast-comment-info"><header '
        'class="ast-comment-meta ast-row ast-comment-author vcard capitalize"><div '
        'class="ast-comment-cite-wrap"><cite><b class="fn">Sol</b> </cite></div><div '
        'class="ast-comment-time"><span class="timendate"><a href="#comment-6"><time '
        'datetime="2020-03-02T11:00:00+00:00">March 2, 2020 at 11:00 am</time></a></span>'
        '</div></header></div><section class="ast-comment-content comment"><p>The 2019 '
        'one.</p></section><div class="ast-comment-edit-reply-wrap"><a '
        'class="comment-reply-link">Reply</a></div></article></li>'
    )
    comments = read_comments(
        _page(f'<ol class="comment-list">{divi}{astra}</ol>'), clock=PageClock.for_locale("en-US")
    )
    assert [(c.author, c.body, c.posted) for c in comments] == [
        ("Rae", "Which survey?", datetime(2020, 3, 1, 10, 0, tzinfo=UTC)),
        ("Sol", "The 2019 one.", datetime(2020, 3, 2, 11, 0, tzinfo=UTC)),
    ]


def test_new_reddit_shreddit_comments() -> None:
    def comment(thing: str, author: str, depth: int, text: str, replies: str = "") -> str:
        return (
            f'<shreddit-comment author="{author}" thingid="t1_{thing}" depth="{depth}" '
            f'permalink="/r/x/comments/1/c/{thing}/" created="2024-02-0{depth + 1}T10:00:00'
            f'.000000+0000" score="5"><div slot="commentMeta"><a href="/user/{author}/">'
            f'{author}</a> <faceplate-timeago ts="2024-02-01T10:00:00.000Z">1y ago'
            f'</faceplate-timeago></div><div slot="comment"><div id="t1_{thing}-comment-'
            f'rtjson-content"><p>{text}</p></div></div><shreddit-comment-action-row '
            f'slot="actionRow"><button>Reply</button></shreddit-comment-action-row>'
            f"{replies}</shreddit-comment>"
        )

    html = _page(
        '<shreddit-comment-tree id="comment-tree">'
        + comment(
            "a",
            "ola",
            0,
            "Top.",
            comment("b", "[deleted]", 1, "Gone?", comment("c", "per", 2, "Deep.")),
        )
        + comment("d", "quinn", 0, "Other.")
        + "</shreddit-comment-tree>"
    )
    comments = read_comments(html)
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("ola", "Top.", None),
        ("", "Gone?", 0),
        ("per", "Deep.", 1),
        ("quinn", "Other.", None),
    ]
    assert comments[2].posted == datetime(2024, 2, 3, 10, 0, tzinfo=UTC)


def test_stack_exchange_answers_and_their_comments() -> None:
    def se_comment(cid: int, user: str, text: str) -> str:
        return (
            f'<li id="comment-{cid}" class="comment js-comment " data-comment-id="{cid}">'
            f'<div class="js-comment-actions comment-actions"><div class="comment-score">'
            f'<span class="cool">3</span></div></div><div class="comment-text '
            f'js-comment-text-and-form"><div class="comment-body js-comment-edit-hide">'
            f'<span class="comment-copy">{text}</span> &ndash;&nbsp;<div '
            f'class="d-inline-flex ai-center"><a href="/users/{cid}/{user}" '
            f'class="comment-user">{user}</a></div><span class="comment-date" dir="ltr">'
            f'<span title="2020-01-0{cid % 9 + 1} 10:00:00Z" class="relativetime-clean">'
            f"Jan {cid % 9 + 1}, 2020 at 10:00</span></span></div></div></li>"
        )

    def answer(aid: int, user: str, text: str, comments: str) -> str:
        return (
            f'<div id="answer-{aid}" class="answer js-answer" itemprop="suggestedAnswer" '
            f'itemscope itemtype="https://schema.org/Answer"><div class="post-layout">'
            f'<div class="answercell post-layout--right"><div class="s-prose js-post-body" '
            f'itemprop="text"><p>{text}</p></div><div class="mt24"><div '
            f'class="post-signature"><div class="user-info"><div class="user-action-time">'
            f'edited <span title="2020-02-01 09:00:00Z" class="relativetime">Feb 1</span>'
            f'</div><div class="user-details"><a href="/users/9/editor">Editor</a></div>'
            f'</div></div><div class="post-signature"><div class="user-info"><div '
            f'class="user-action-time">answered <time itemprop="dateCreated" '
            f'datetime="2020-01-01T08:00:00">Jan 1</time></div><div class="user-details" '
            f'itemprop="author" itemscope itemtype="http://schema.org/Person"><a '
            f'href="/users/{aid}/{user}">{user}</a><span class="d-none" itemprop="name">'
            f'{user}</span></div></div></div></div></div><div class="post-layout--right '
            f'js-post-comments-component"><div id="comments-{aid}" class="comments '
            f'js-comments-container"><ul class="comments-list js-comments-list">{comments}'
            f"</ul></div></div></div></div>"
        )

    question = (
        '<div id="question" class="question js-question"><div class="s-prose '
        'js-post-body" itemprop="text"><p>How do I parse this?</p></div><div '
        'class="comments"><ul class="comments-list">'
        + se_comment(1, "asker", "Which version?")
        + "</ul></div></div>"
    )
    html = _page(
        question
        + '<div id="answers">'
        + answer(
            10,
            "rui",
            "Use a parser.",
            se_comment(2, "sam", "Which one?") + se_comment(3, "rui", "lxml."),
        )
        + answer(11, "tao", "Regex, carefully.", "")
        + "</div>"
    )
    comments = read_comments(html)
    assert [(c.author, c.body, c.parent_index) for c in comments] == [
        ("asker", "Which version?", None),
        ("rui", "Use a parser.", None),
        ("sam", "Which one?", 1),
        ("rui", "lxml.", 1),
        ("tao", "Regex, carefully.", None),
    ]
    assert comments[1].posted == datetime(2020, 1, 1, 8, 0, tzinfo=UTC)
    assert comments[2].posted == datetime(2020, 1, 3, 10, 0, tzinfo=UTC)


def test_body_that_starts_with_reply_link_author_and_date() -> None:
    """The shape the issue quotes ("Antworten\\nHenning Lobin\\n10. April 2019 @ 16:29\\n…"):
    none of it is the comment's text."""
    item = (
        '<li class="comment even thread-even depth-1" id="comment-31"><div '
        'id="div-comment-31" class="comment-body"><div class="reply"><a rel="nofollow" '
        'class="comment-reply-link" href="#comment-31">Antworten</a></div><div '
        'class="comment-author vcard"><img class="avatar" src="a.png"><span '
        'class="fn">Henning Lobin</span></div><div class="comment-date">10. April 2019 @ '
        "16:29</div><p>Das Argument überzeugt mich nicht ganz.</p></div></li>"
    )
    clock = PageClock.for_locale("de-DE", zone=datetime(2019, 4, 10, tzinfo=UTC).tzinfo)
    [comment] = read_comments(
        _page(f'<ol class="commentlist">{item}</ol>', lang="de-DE"), clock=clock
    )
    assert (comment.author, comment.body) == (
        "Henning Lobin",
        "Das Argument überzeugt mich nicht ganz.",
    )
    assert comment.posted == datetime(2019, 4, 10, 16, 29, tzinfo=UTC)
