"""`make bench-import`: the WordPress importer's peak memory on large exports.

Writes synthetic exports of WP_BENCH_SIZES megabytes (default 10 and 100:
posts with classic and block content, shortcodes, links between posts,
categories, tags, five authors and threaded comments), imports each with
`manage.py import_wordpress` into a fresh database, and reports each run's
time and peak resident memory. Memory that stays flat from the small export
to the large one is the point. Writes bench/results/wordpress_import.md.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import ROOT, fresh_database, write

SIZES = [int(mb) for mb in os.environ.get("WP_BENCH_SIZES", "10,100").split(",")]
HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
 xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Big Blog</title>
<link>https://big.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://big.example.com</wp:base_site_url>
"""
PARAGRAPH = (
    "A database index is a sorted copy of some columns with pointers back to "
    "the rows, so that a lookup reads a handful of pages instead of the whole "
    "table; the price is paid on every write. "
) * 3


def author(n):
    return (
        f"<wp:author><wp:author_login><![CDATA[writer{n}]]></wp:author_login>"
        f"<wp:author_display_name><![CDATA[Writer {n}]]></wp:author_display_name>"
        "</wp:author>\n"
    )


def content(n):
    """About 20 kB of classic or block content, with a link and a shortcode."""
    link = f'<a href="https://big.example.com/post-{max(n - 1, 1)}/">the last one</a>'
    if n % 2:
        body = "\n\n".join(f"{PARAGRAPH} Part {i}." for i in range(30))
        return f'{body}\n\nSee {link}.\n\n[caption]<img src="x.png"> A[/caption]'
    blocks = "".join(
        f"<!-- wp:paragraph -->\n<p>{PARAGRAPH} Part {i}.</p>\n<!-- /wp:paragraph -->\n"
        for i in range(30)
    )
    return f"{blocks}<!-- wp:paragraph --><p>See {link}.</p><!-- /wp:paragraph -->"


def comments(n):
    return "".join(
        f"""<wp:comment><wp:comment_id>{n * 10 + c}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {c}]]></wp:comment_author>
<wp:comment_author_email>reader{n}.{c}@example.net</wp:comment_author_email>
<wp:comment_author_IP>203.0.113.{c + 1}</wp:comment_author_IP>
<wp:comment_date_gmt>2024-02-0{c + 1} 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Comment {c} on post {n}: {PARAGRAPH[:200]}]]>
</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved>
<wp:comment_parent>{n * 10 + c - 1 if c else 0}</wp:comment_parent>
</wp:comment>
"""
        for c in range(5)
    )


def item(n):
    return f"""<item><title><![CDATA[Post number {n}]]></title>
<link>https://big.example.com/post-{n}/</link>
<dc:creator><![CDATA[writer{n % 5}]]></dc:creator>
<guid isPermaLink="false">https://big.example.com/?p={n}</guid>
<content:encoded><![CDATA[{content(n)}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id>
<wp:post_date_gmt>2024-01-01 09:00:00</wp:post_date_gmt>
<wp:post_name>post-{n}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<category domain="category" nicename="cat-{n % 40}">Category {n % 40}</category>
<category domain="post_tag" nicename="tag-{n % 200}">Tag {n % 200}</category>
{comments(n)}</item>
"""


def generate(path, megabytes):
    """Write an export of about ``megabytes`` MB; return its number of posts."""
    target, n = megabytes * 1024 * 1024, 0
    with path.open("w", encoding="utf-8") as file:
        file.write(HEADER + "".join(author(a) for a in range(5)))
        while file.tell() < target:
            n += 1
            file.write(item(n))
        file.write("</channel>\n</rss>\n")
    return n


def measure(path, database_url):
    """Import the export in a process of its own: (seconds, its peak RSS in MB)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_LOG_LEVEL": "WARNING"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True
    )
    started = time.monotonic()
    child = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.wordpress_import", "--import", str(path)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return time.monotonic() - started, float(child.stdout.split()[-1])


def import_and_report_peak(path):
    """In the child: run the import, then print this process's peak RSS (MB)."""
    from bench.run import setup_django

    setup_django(os.environ["DATABASE_URL"])
    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("import_wordpress", path, stdout=devnull)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main():
    rows = [
        "| export | posts | comments | seconds | peak RSS |",
        "|---|---|---|---|---|",
    ]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in SIZES:
            path = Path(folder) / f"export-{megabytes}mb.xml"
            posts = generate(path, megabytes)
            seconds, peak = measure(path, fresh_database("site_bench_wordpress"))
            size = path.stat().st_size / 1024 / 1024
            results.append({"mb": size, "posts": posts, "s": seconds, "rss_mb": peak})
            rows.append(
                f"| {size:.0f} MB | {posts} | {posts * 5} | {seconds:.0f} | "
                f"{peak:.0f} MB |"
            )
            print(rows[-1], flush=True)
    write("wordpress_import", results, "\n".join(rows) + "\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--import"]:
        import_and_report_peak(sys.argv[2])
    else:
        main()
