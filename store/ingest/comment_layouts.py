"""Where the comment systems that end up in saved pages keep each part of a comment, as data.

A :class:`CommentLayout` names, as CSS selectors, the comment itself, the parts read inside it
(author, time, body: each a list tried in turn, the first that matches wins), the page
furniture to strip from a body (reply links, avatars, like buttons, "says:"), and how a reply
is told from a top-level comment: either by nesting (a comment inside another comment's reply
container) or, in flat markup such as Hacker News, by a depth written on each comment.

The reader (:mod:`store.ingest.comments`) tries :data:`COMMENT_LAYOUTS` in turn and keeps the
first that finds comments; supporting another system is adding a layout here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Depth:
    """A comment's depth in flat markup: an attribute of an element inside it, divided by
    ``unit`` (HN: ``td.ind[indent]``, or in older pages the spacer image's width / 40)."""

    selector: str
    attribute: str
    unit: int = 1


@dataclass(frozen=True, slots=True)
class CommentLayout:
    """One comment markup.

        ``comment`` matches one comment; in nested markup its element also holds its replies.
        ``thread``, when set, is the container comments must be in (a comment nested in another
        comment is in its thread already), so the same classes elsewhere on a page (a "recent
        comments" widget) are not taken for comments. ``replies`` is the reply container: a comment
        inside another comment is its reply only across such a container (None: any nesting is a
        reply); without one, the inner element is a wrapper of the same comment (WordPress themes
        put an ``article.comment`` inside ``li.comment``). ``depth`` reads a flat layout's depths.
        ``skip`` matches comments to leave out (pingbacks, the opening post of a forum topic); their
        replies move up to the nearest comment kept. ``time_attributes`` are read before the text.
        ``own_author``/``own_time`` name attributes of the comment element itself that hold its
    author and time (new Reddit's ``<shreddit-comment author=… created=…>``), read first.
    ``whole_as_body``: when no body selector matches, the comment element itself, without its
    noise and replies, is the body (old themes put the paragraphs straight into it). ``deleted``
    are bodies that mean a comment was removed.
    """

    name: str
    comment: str
    author: tuple[str, ...]
    body: tuple[str, ...]
    time: tuple[str, ...] = ()
    thread: str | None = None
    replies: str | None = None
    depth: tuple[Depth, ...] = ()
    noise: str = ""
    skip: str | None = None
    time_attributes: tuple[str, ...] = ("datetime", "content", "title", "data-time")
    whole_as_body: bool = False
    own_author: str | None = None
    own_time: str | None = None
    deleted: tuple[str, ...] = ("[deleted]", "[removed]", "[flagged]", "[dead]")


STACK_EXCHANGE = CommentLayout(
    name="stack exchange",
    comment="[itemtype$='schema.org/Answer'], li.js-comment",
    author=("[itemprop='author'] [itemprop='name']", ".comment-user", ".user-details a"),
    time=("time[itemprop='dateCreated']", ".relativetime-clean", ".relativetime"),
    time_attributes=("datetime", "title"),
    body=(".s-prose", ".post-text", ".comment-copy"),
    noise=".comment-actions, .js-comment-actions, .post-signature, .js-post-menu",
)
"""A Stack Exchange question page: each answer (schema.org ``Answer`` microdata) is a comment,
the comments under an answer (``li.js-comment``) are its replies, comments under the question
stand alone. Tried before WordPress, whose ``li.comment`` its comments also carry."""

WORDPRESS = CommentLayout(
    name="wordpress",
    comment=("li.comment, li.review, div.comment[id^='comment-'], article.comment[id^='comment-']"),
    replies=".children, .comment-children, ul.replies, ol.replies, .comment-replies, .indented",
    skip=".pingback, .trackback",
    author=(
        ".comment-author .fn",
        ".fn",
        ".comment-author-name",
        ".comment__author-name",
        ".comment-author-link",
        "cite.comment-author",
        ".comment-author strong",
        ".comment-author b",
        ".commenter",
        ".woocommerce-review__author",
        "cite",
        ".comment__author",
        ".comment-author",
        ".username",
        "[class*='comment-author-name']",
        "[class*='comment_author']",
    ),
    time=(
        "time",
        ".comment-metadata",
        ".commentmetadata",
        ".comment-meta",
        ".comment-date",
        ".comment-time",
        ".comment__time",
        ".datetime",
        "[class*='comment-date']",
        "[class*='comment_date']",
        "[class*='comment-time']",
        ".comment-author",
    ),
    body=(
        ".comment-content",
        ".comment__content",
        "li.review .description",
        ".comment-text",
        ".commenttext",
        ".contenttext",
        ".comment-entry",
        ".comment-body",
        "[class*='comment-content']",
        "[class*='comment_content']",
        "[class*='comment-text']",
    ),
    whole_as_body=True,
    noise=(
        ".reply, .comment-reply, .comment-reply-link, .comment-reply-title, .comment-meta, "
        ".commentmetadata, .comment-metadata, .comment-header, .comment-author, "
        ".comment__meta, .comment__avatar, .comment__links, .comment-number, .says, "
        ".avatar, .avatar-image-container, .comment-likes, .comment-like-feedback, "
        ".comment-actions, .comment-tools, .comment-edit-link, .edit-link, "
        ".wprm-comment-rating, .sharedaddy, .links, form, img, svg"
    ),
)
"""WordPress core (``wp_list_comments``) and its themes: ``ol``/``ul`` lists named
``comment-list``/``commentlist``, replies in ``.children``, the body in ``.comment-content``,
``.comment-text``/``.commenttext`` or only ``.comment-body``, the author in ``.fn`` (inside
``.comment-author`` or not), ``.comment-author-name`` (Genesis), BEM ``.comment__author-name``,
a bare ``cite``; pingbacks and trackbacks are left out. Comments anywhere on the page count
(``li.comment`` is WordPress's own class); a reply list the theme closed the comment's ``<li>``
before follows its comment. Blogger's new comment markup (``li.comment``, ``cite.user``,
``.datetime``, ``.comment-replies``), WooCommerce reviews (``li.review``,
``.woocommerce-review__author``, ``.description``), themes that prefix the classes
(Astra's ``ast-comment-content``, Divi's ``comment_date``: the ``[class*=…]`` fallbacks, tried
last) and Drupal 8+ (``article.comment#comment-N``,
``.comment__author``, replies in the ``.indented`` after the comment) read the same way."""

DRUPAL_7 = CommentLayout(
    name="drupal 7",
    thread="#comments, .comment-wrapper, section.comments",
    comment="div.comment",
    replies=".indented",
    author=(".username", ".submitted a", ".submitted"),
    time=("[property~='dc:date']", ".submitted"),
    time_attributes=("content", "datetime"),
    body=(".field-name-comment-body", ".content"),
    noise=".links, .submitted, .user-picture, h3",
)
"""Drupal 7 comments: ``div.comment`` (its anchor before it, not on it), "Submitted by NAME on
DATE" with an RDFa ``dc:date``, replies in the ``div.indented`` right after the comment."""

HACKER_NEWS = CommentLayout(
    name="hacker news",
    comment="tr.comtr, table.comment-tree tr.athing",
    author=("a.hnuser", ".comhead a[href^='user?']"),
    time=("span.age",),
    body=(".commtext", ".comment"),
    depth=(Depth("td.ind", "indent"), Depth("td.ind img", "width", 40)),
    noise=".reply, .navs, .togg",
)
"""A Hacker News item page: a flat table of ``tr.athing.comtr`` rows, each with its depth
(``td.ind[indent]``, or a spacer image 40 px wide per level), ``a.hnuser``, ``span.age[title]``
and ``.commtext``."""

OLD_REDDIT = CommentLayout(
    name="old reddit",
    comment="div.thing.comment",
    thread="div.commentarea, div.nestedlisting",
    replies="div.child",
    author=("p.tagline a.author", "p.tagline .author"),
    time=("p.tagline time",),
    body=("div.usertext-body div.md", "div.usertext-body"),
    noise="ul.buttons, .flat-list, .expand, .usertext-edit, form.usertext .bottom-area",
)
"""An old-Reddit (old.reddit.com) thread: ``div.thing.comment`` nested in the ``div.child`` of
its parent, the author in the tagline, ``time[datetime]``, the text in ``.usertext-body .md``."""

NEW_REDDIT = CommentLayout(
    name="new reddit",
    comment="shreddit-comment",
    own_author="author",
    own_time="created",
    author=("[slot='authorName']", "a[href^='/user/']"),
    body=("div[slot='comment']", "[id$='-comment-rtjson-content']"),
    noise="[slot='actionRow'], [slot='commentMeta'], shreddit-comment-action-row",
)
"""A www.reddit.com thread as saved today: ``shreddit-comment`` elements nested in their
parents, author and time as attributes, the text in ``div[slot=comment]``."""

DISCOURSE = CommentLayout(
    name="discourse",
    comment="div.crawler-post",
    skip="#post_1",
    author=("[itemprop='author'] [itemprop='name']", ".creator [itemprop='name']", ".creator"),
    time=("time.post-time", "[itemprop='datePublished']", "time"),
    body=("[itemprop='text']", ".post"),
    noise=".crawler-linkback-list, .crawler-post-meta, [itemprop='interactionStatistic']",
)
"""A Discourse topic as its crawler (no-JavaScript) HTML: one ``div.crawler-post`` per post;
post 1 is the topic itself (the article), the others are the comments, in order."""

PHPBB = CommentLayout(
    name="phpbb",
    comment="div.post[id^='p']",
    author=(
        ".postprofile .username-coloured",
        ".postprofile .username",
        "p.author .username-coloured",
        "p.author .username",
        "p.author strong",
        ".postprofile dt a",
    ),
    time=("p.author time", "time", "p.author"),
    body=(".postbody .content", ".content"),
    noise="blockquote, .signature, .notice, .post-buttons, .codebox > p, .attachbox > dt",
)
"""A phpBB 3 topic (prosilver and its children): ``div.post`` per post, the author in
``.postprofile`` or ``p.author``, ``time[datetime]`` (3.2+) or the text after "»" (3.0), the
text in ``.content``; quotes of other posts and signatures are not the post's own words."""

XENFORO = CommentLayout(
    name="xenforo",
    comment="article.message--post, li.message[id^='post-']",
    author=(
        ".message-name .username",
        ".message-userDetails .username",
        "a.username.author",
        ".messageUserInfo .username",
        ".username",
    ),
    time=(".message-attribution-main time", "time.u-dt", ".DateTime", "time"),
    body=(".message-body .bbWrapper", ".bbWrapper", ".messageText", ".message-body"),
    noise=(
        "blockquote.bbCodeBlock--quote, .bbCodeBlock--quote, .bbCodeQuote, "
        ".messageTextEndMarker, .message-signature, .js-selectToQuoteEnd"
    ),
    time_attributes=("datetime", "data-time", "title"),
)
"""A XenForo 2 thread (``article.message--post``) or XenForo 1 (``li.message``): the author in
``.username``, ``time.u-dt[datetime]`` or ``.DateTime[data-time]``, the text in ``.bbWrapper`` /
``.messageText``; quoted posts and signatures are stripped."""

MICRODATA = CommentLayout(
    name="schema.org microdata",
    comment=(
        "[itemtype$='schema.org/Comment'], [itemtype$='schema.org/Answer'], "
        "[itemtype$='schema.org/UserComments']"
    ),
    author=(
        "[itemprop='author'] [itemprop='name']",
        "[itemprop='author']",
        "[itemprop='creator'] [itemprop='name']",
        "[itemprop='creator']",
    ),
    time=("[itemprop='dateCreated']", "[itemprop='datePublished']"),
    body=("[itemprop='text']", "[itemprop='commentText']", "[itemprop='description']"),
    noise="[itemprop='author'], [itemprop='dateCreated'], [itemprop='datePublished']",
)
"""Any page that marks its comments up with schema.org ``Comment`` (or ``Answer``) microdata;
a comment nested in another is its reply."""

COMMENT_LAYOUTS: list[CommentLayout] = [
    STACK_EXCHANGE,
    WORDPRESS,
    HACKER_NEWS,
    OLD_REDDIT,
    NEW_REDDIT,
    DISCOURSE,
    PHPBB,
    XENFORO,
    DRUPAL_7,
    MICRODATA,
]
"""Tried in order; the first layout that finds comments on a page is used (schema.org JSON-LD
comments, which are not markup, are read after these: see :mod:`store.ingest.comments`)."""
