"""The records of a WordPress export: its site, authors, terms and items."""

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class Site:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""

    @property
    def address(self):
        """Where the blog lived: WordPress.com names its own host in
        base_site_url and the blog's in base_blog_url."""
        return (self.base_blog_url or self.link or self.base_site_url).rstrip("/")


@dataclass
class Author:
    login: str
    id: str = ""
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    taxonomy: str  # "category", "post_tag" or another WordPress taxonomy
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Comment:
    id: str
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: str = "0"
    user_id: str = "0"


@dataclass
class Item:
    id: str
    type: str = "post"
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    status: str = "publish"
    slug: str = ""
    parent: str = "0"
    password: str = ""
    comment_status: str = "open"
    is_sticky: bool = False
    attachment_url: str = ""
    terms: list = field(default_factory=list)  # [(taxonomy, slug, name)]
    meta: dict = field(default_factory=dict)  # {key: [values]}
    comments: list = field(default_factory=list)
    too_large: int = 0  # characters, when more than text_limit() was left unread

    def meta_value(self, key):
        values = self.meta.get(key)
        return values[-1] if values else ""


def parse_date(text):
    """A WordPress date ('2025-01-15 09:00:00', taken as UTC), or None."""
    text = (text or "").strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def read_author(node):
    values = node.values()
    return Author(
        login=values.get("wp:author_login", "").strip(" \t\n<>"),
        id=values.get("wp:author_id", ""),
        display_name=values.get("wp:author_display_name", ""),
        email=values.get("wp:author_email", ""),
        first_name=values.get("wp:author_first_name", ""),
        last_name=values.get("wp:author_last_name", ""),
    )


def read_term(node):
    values = node.values()
    if node.name == "wp:category":
        return Term(
            "category",
            values.get("wp:category_nicename", ""),
            values.get("wp:cat_name", ""),
            values.get("wp:category_parent", ""),
            values.get("wp:category_description", ""),
        )
    if node.name == "wp:tag":
        return Term(
            "post_tag",
            values.get("wp:tag_slug", ""),
            values.get("wp:tag_name", ""),
            description=values.get("wp:tag_description", ""),
        )
    return Term(
        values.get("wp:term_taxonomy", ""),
        values.get("wp:term_slug", ""),
        values.get("wp:term_name", ""),
        values.get("wp:term_parent", ""),
        values.get("wp:term_description", ""),
    )


def read_comment(node):
    values = node.values()
    return Comment(
        id=values.get("wp:comment_id", ""),
        author=values.get("wp:comment_author", ""),
        email=values.get("wp:comment_author_email", ""),
        url=values.get("wp:comment_author_url", ""),
        ip=values.get("wp:comment_author_IP", ""),
        date=parse_date(values.get("wp:comment_date_gmt"))
        or parse_date(values.get("wp:comment_date")),
        content=node.child_text("wp:comment_content"),
        approved=values.get("wp:comment_approved", "1"),
        type=values.get("wp:comment_type", ""),
        parent=values.get("wp:comment_parent", "0") or "0",
        user_id=values.get("wp:comment_user_id", "0") or "0",
    )


def read_item(node):
    item, values = Item(id=""), {}
    for child in node.children:
        if child.name == "category":
            domain = child.attrs.get("domain", "")
            item.terms.append(
                (domain, child.attrs.get("nicename", ""), child.text.strip())
            )
        elif child.name == "wp:postmeta":
            meta = child.values()
            key = meta.get("wp:meta_key", "")
            item.meta.setdefault(key, []).append(meta.get("wp:meta_value", ""))
        elif child.name == "wp:comment":
            item.comments.append(read_comment(child))
        else:
            values[child.name] = child.text
    item.id = values.get("wp:post_id", "").strip()
    item.type = values.get("wp:post_type", "").strip()
    item.title = values.get("title", "").strip()
    item.link = values.get("link", "").strip()
    item.guid = values.get("guid", "").strip()
    # WordPress logins hold no < or >; a stray one is a typo in the export.
    item.creator = values.get("dc:creator", "").strip(" \t\n<>")
    item.content = values.get("content:encoded", "")
    item.excerpt = values.get("excerpt:encoded", "")
    item.date = parse_date(values.get("wp:post_date_gmt")) or parse_date(
        values.get("wp:post_date")
    )
    item.status = values.get("wp:status", "").strip()
    item.slug = values.get("wp:post_name", "").strip()
    item.parent = values.get("wp:post_parent", "0").strip() or "0"
    item.password = values.get("wp:post_password", "").strip()
    item.comment_status = values.get("wp:comment_status", "open").strip()
    item.is_sticky = values.get("wp:is_sticky", "0").strip() == "1"
    item.attachment_url = values.get("wp:attachment_url", "").strip()
    return item
