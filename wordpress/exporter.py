"""The site as WordPress eXtended RSS 1.2, which WordPress's importer reads.

Articles and pages as posts and pages, topics as categories, authors, and
approved comments with their threads (spam and comments awaiting
moderation never). Commenters' emails only when asked for. Written item by
item, so memory stays flat however large the site.
"""

from datetime import UTC
from email.utils import format_datetime

from django.utils import timezone

from articles.models import Article, Author, Topic
from comments.models import Comment
from pages.models import Page
from publishing.models import Status
from wordpress.conf import settings

WXR_VERSION = "1.2"
WP = f"http://wordpress.org/export/{WXR_VERSION}/"
HEADER = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="{WP}excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="{WP}"
>
<channel>
"""
BATCH = 200


def cdata(text):
    """Text in a CDATA section, as WordPress writes it; ']]>' split in two."""
    text = str(text or "").replace("]]>", "]]]]><![CDATA[>")
    return f"<![CDATA[{text}]]>"


def element(name, text, *, raw=False):
    return f"<{name}>{text if raw else cdata(text)}</{name}>"


def wp_date(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def export(out, *, with_emails=False):
    """Write the whole site to the text file ``out``."""
    site = settings.SITE_URL
    out.write(HEADER)
    for name, text in (
        ("title", settings.SITE_NAME), ("link", site),
        ("description", settings.SITE_DESCRIPTION),
        ("pubDate", format_datetime(timezone.now())), ("language", "en-US"),
        ("wp:wxr_version", WXR_VERSION), ("wp:base_site_url", site),
        ("wp:base_blog_url", site),
    ):  # fmt: skip
        out.write(f"\t{element(name, text, raw=name in ('link', 'pubDate'))}\n")
    for author in Author.objects.all():
        out.write(author_element(author))
    for topic in Topic.objects.all():
        out.write(
            f"\t<wp:category><wp:term_id>{topic.pk}</wp:term_id>"
            f"{element('wp:category_nicename', topic.slug)}"
            f"{element('wp:category_parent', '')}"
            f"{element('wp:cat_name', topic.name)}"
            f"{element('wp:category_description', topic.description)}"
            "</wp:category>\n"
        )
    articles = Article.objects.select_related("author").prefetch_related("topics")
    for article in articles.order_by("pk").iterator(chunk_size=BATCH):
        out.write(article_item(article, with_emails=with_emails))
    offset = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for page in Page.objects.order_by("pk").iterator(chunk_size=BATCH):
        out.write(page_item(page, offset=offset, with_emails=with_emails))
    out.write("</channel>\n</rss>\n")


def author_element(author):
    return (
        f"\t<wp:author><wp:author_id>{author.pk}</wp:author_id>"
        f"{element('wp:author_login', author.slug)}"
        f"{element('wp:author_email', '')}"
        f"{element('wp:author_display_name', author.name)}"
        f"{element('wp:author_first_name', '')}"
        f"{element('wp:author_last_name', '')}</wp:author>\n"
    )


def wp_status(article):
    state = article.state
    return {"Live": "publish", "Scheduled": "future"}.get(state, "draft")


def article_item(article, *, with_emails):
    link = f"{settings.SITE_URL}{article.get_absolute_url()}"
    date = article.published_at or article.created_at
    parts = [
        element("title", article.title),
        element("link", link, raw=True),
        element("pubDate", format_datetime(date), raw=True),
        element("dc:creator", article.author.slug),
        f'<guid isPermaLink="false">{cdata(article.feed_guid or link)}</guid>',
        element("description", ""),
        element("content:encoded", article.body_html),
        element("excerpt:encoded", article.summary),
        element("wp:post_id", article.pk, raw=True),
        element("wp:post_date", wp_date(date)),
        element("wp:post_date_gmt", wp_date(date)),
        element("wp:comment_status", "open" if article.comments_open else "closed"),
        element("wp:ping_status", "closed"),
        element("wp:post_name", article.slug),
        element("wp:status", wp_status(article)),
        element("wp:post_parent", 0, raw=True),
        element("wp:menu_order", 0, raw=True),
        element("wp:post_type", "post"),
        element("wp:post_password", ""),
        element("wp:is_sticky", int(article.pinned), raw=True),
        *(
            f'<category domain="category" nicename="{topic.slug}">'
            f"{cdata(topic.name)}</category>"
            for topic in article.topics.all()
        ),
    ]
    comments = Comment.objects.on(article).approved().order_by("path")
    parts += [comment_element(c, with_emails=with_emails) for c in comments]
    return "\t<item>\n\t\t" + "\n\t\t".join(parts) + "\n\t</item>\n"


def comment_element(comment, *, with_emails):
    parts = [
        element("wp:comment_id", comment.pk, raw=True),
        element("wp:comment_author", comment.name),
        element("wp:comment_author_email", comment.email if with_emails else ""),
        element("wp:comment_author_url", comment.website),
        element("wp:comment_author_IP", ""),
        element("wp:comment_date", wp_date(comment.created_at)),
        element("wp:comment_date_gmt", wp_date(comment.created_at)),
        element("wp:comment_content", comment.body),
        element("wp:comment_approved", "1"),
        element("wp:comment_type", "comment"),
        element("wp:comment_parent", comment.parent_id or 0, raw=True),
        element("wp:comment_user_id", 0, raw=True),
    ]
    return "<wp:comment>\n\t\t\t" + "\n\t\t\t".join(parts) + "\n\t\t</wp:comment>"


def page_item(page, *, offset, with_emails):
    """A page, numbered after the articles; under its parent, with its comments."""
    link = f"{settings.SITE_URL}{page.get_absolute_url()}"
    date = page.updated_at
    parent = offset + page.parent_id if page.parent_id else 0
    parts = [
        element("title", page.title),
        element("link", link, raw=True),
        element("pubDate", format_datetime(date), raw=True),
        element("dc:creator", ""),
        f'<guid isPermaLink="false">{cdata(link)}</guid>',
        element("description", ""),
        element("content:encoded", page.body_html),
        element("excerpt:encoded", page.summary),
        element("wp:post_id", offset + page.pk, raw=True),
        element("wp:post_date", wp_date(date)),
        element("wp:post_date_gmt", wp_date(date)),
        element("wp:comment_status", "open" if page.comments_open else "closed"),
        element("wp:ping_status", "closed"),
        element("wp:post_name", page.slug),
        element("wp:status", "publish" if page.status == Status.PUBLISHED else "draft"),
        element("wp:post_parent", parent, raw=True),
        element("wp:menu_order", page.order, raw=True),
        element("wp:post_type", "page"),
        element("wp:post_password", ""),
    ]
    comments = Comment.objects.on(page).approved().order_by("path")
    parts += [comment_element(c, with_emails=with_emails) for c in comments]
    return "\t<item>\n\t\t" + "\n\t\t".join(parts) + "\n\t</item>\n"
