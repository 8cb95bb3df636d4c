"""Small WordPress exports written for the cases the real one lacks."""

from textwrap import dedent


def export(*items, version="1.2", channel="", doctype=""):
    return (
        dedent(f"""\
        <?xml version="1.0" encoding="UTF-8" ?>{doctype}
        <rss version="2.0"
            xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
            xmlns:content="http://purl.org/rss/1.0/modules/content/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:wp="http://wordpress.org/export/{version}/">
        <channel>
        <title>Old Blog</title>
        <link>https://old.example.com</link>
        <wp:wxr_version>{version}</wp:wxr_version>
        <wp:base_site_url>https://old.example.com</wp:base_site_url>
        {channel}
        """)
        + "".join(items)
        + "</channel>\n</rss>\n"
    )


def item(
    post_id, title, *, content="", creator="jane", status="publish",
    date="2024-05-06 07:08:09", date_gmt=None, slug=None, extra="", kind="post",
    excerpt="",
):  # fmt: skip
    slug = slug if slug is not None else title.lower().replace(" ", "-")
    return f"""
    <item>
    <title>{title}</title>
    <link>https://old.example.com/{slug}/</link>
    <dc:creator><![CDATA[{creator}]]></dc:creator>
    <guid isPermaLink="false">https://old.example.com/?p={post_id}</guid>
    <content:encoded><![CDATA[{content}]]></content:encoded>
    <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date>{date}</wp:post_date>
    <wp:post_date_gmt>{date if date_gmt is None else date_gmt}</wp:post_date_gmt>
    <wp:post_name>{slug}</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_type>{kind}</wp:post_type>
    {extra}
    </item>
    """


def comment(comment_id, text, *, parent=0, date="2024-05-07 10:00:00", approved=1):
    return f"""
    <wp:comment>
    <wp:comment_id>{comment_id}</wp:comment_id>
    <wp:comment_author>Reader {comment_id}</wp:comment_author>
    <wp:comment_author_email>reader{comment_id}@example.net</wp:comment_author_email>
    <wp:comment_date_gmt>{date}</wp:comment_date_gmt>
    <wp:comment_content><![CDATA[{text}]]></wp:comment_content>
    <wp:comment_approved>{approved}</wp:comment_approved>
    <wp:comment_parent>{parent}</wp:comment_parent>
    </wp:comment>
    """
