"""Comments that arrive as HTML (imported from another site): the few tags a
comment may keep, lists and emphasis among them, and nothing else.

Readers' own comments are plain text (models.render_body); only comments
brought over with their HTML go through here.
"""

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl",
    "dt", "em", "i", "ins", "li", "ol", "p", "pre", "q", "s", "strong", "sub",
    "sup", "ul",
}  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "abbr": {"title"}, "ol": {"start"}}


def clean_comment_html(html):
    """The comment's HTML with only TAGS kept, links marked as the readers'."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    ).strip()
