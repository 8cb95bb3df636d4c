"""`make bench-import`: the WordPress importer's peak memory on large exports.

Writes synthetic exports of WP_BENCH_SIZES megabytes (default 10 and 100:
posts with classic and block content, shortcodes, links between posts,
categories, tags, five authors and threaded comments), and the hostile
cases: one post of 100 MB, a zip of about a megabyte that unpacks to a
1 GB post, and 600 nested elements; then the Theme Unit Test data, a real
WordPress.com export. Imports each with `manage.py import_wordpress
--no-media` into a fresh database, in a process of its own, and reports its
time, peak resident memory and outcome. Memory that stays flat from the
small export to the large, and under MEMORY_CAP_MB whatever the file, is
the point. Writes bench/results/wordpress_import.md.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from io import StringIO
from pathlib import Path

from bench.run import ROOT, fresh_database, write

SIZES = [int(mb) for mb in os.environ.get("WP_BENCH_SIZES", "10,100").split(",")]
MEMORY_CAP_MB = 300
THEME_TEST = ROOT / "tests" / "wordpress" / "fixtures" / "theme-unit-test-data.xml"
MB = 1024 * 1024
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
FOOTER = "</channel>\n</rss>\n"
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


def item(n, body=None):
    return f"""<item><title><![CDATA[Post number {n}]]></title>
<link>https://big.example.com/post-{n}/</link>
<dc:creator><![CDATA[writer{n % 5}]]></dc:creator>
<guid isPermaLink="false">https://big.example.com/?p={n}</guid>
<content:encoded><![CDATA[{content(n) if body is None else body}]]></content:encoded>
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
    target, n = megabytes * MB, 0
    with path.open("w", encoding="utf-8") as file:
        file.write(HEADER + "".join(author(a) for a in range(5)))
        while file.tell() < target:
            n += 1
            file.write(item(n))
        file.write(FOOTER)
    return n


def huge_post_parts():
    """An export of one ordinary post and one more, around its text."""
    head, tail = item(2, body="\x00").split("\x00")
    return HEADER + author(1) + item(1) + head, tail + FOOTER


def huge_post(path, megabytes=100):
    """One post of ``megabytes`` MB of text (in paragraphs of 1 kB)."""
    head, tail = huge_post_parts()
    paragraph = f"<p>{(PARAGRAPH * 3)[:1000]}</p>\n"
    with path.open("w", encoding="utf-8") as file:
        file.write(head)
        for _ in range(megabytes * MB // len(paragraph)):
            file.write(paragraph)
        file.write(tail)
    return 2


def zip_bomb(path):
    """A zip of about a megabyte whose one export holds a post of 1 GB."""
    head, tail = huge_post_parts()
    line = ("all work and no play " * 50_000).encode()  # 1 MB
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("export.xml", "w", force_zip64=True) as member,
    ):
        member.write(head.encode())
        for _ in range(1024):
            member.write(line)
        member.write(tail.encode())
    return 2


def deep_nesting(path):
    path.write_text(HEADER + item(1) + "<x>" * 600 + "</x>" * 600 + FOOTER)
    return 1


def theme_test(path):
    path.write_bytes(THEME_TEST.read_bytes())
    return 186


CASES = [
    *((f"{mb} MB export", f"export-{mb}mb.xml", lambda p, mb=mb: generate(p, mb))
      for mb in SIZES),
    ("one 100 MB post", "huge-post.xml", huge_post),
    ("a post just under the limit (2 MB)", "large-post.xml",
     lambda p: huge_post(p, megabytes=2) and 2),
    ("zip bomb: 1 GB post in a small zip", "bomb.zip", zip_bomb),
    ("600 nested elements", "nested.xml", deep_nesting),
    ("Theme Unit Test data (WordPress.com)", "theme-unit-test-data.xml", theme_test),
]  # fmt: skip


def measure(path, database_url):
    """Import in a process of its own: (seconds, peak RSS in MB, outcome)."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_LOG_LEVEL": "WARNING"}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True
    )
    started = time.monotonic()
    child = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "bench.wordpress_import", "--import", str(path)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    outcome, _, peak = child.stdout.strip().rpartition("\n")[2].rpartition(" ")
    return time.monotonic() - started, float(peak), outcome


def import_and_report_peak(path):
    """In the child: run the import, then print its outcome and this
    process's peak RSS (MB)."""
    from bench.run import setup_django

    setup_django(os.environ["DATABASE_URL"])
    from django.core.management import CommandError, call_command

    from articles.models import Article

    outcome, report = "imported", StringIO()
    with open(os.devnull, "w") as devnull:
        try:
            call_command(
                "import_wordpress", path, "--no-media", stdout=report, stderr=devnull
            )
        except CommandError:
            lines = report.getvalue().splitlines()
            at = next(n for n, line in enumerate(lines) if "Not imported" in line)
            refused = lines[at + 1]
            outcome = f"refused: {refused.strip()[:90]}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{Article.objects.count()} articles; {outcome} {peak}")


def main():
    rows = [
        f"Memory cap: {MEMORY_CAP_MB} MB peak resident per import.",
        "",
        "| export | file | items | seconds | peak RSS | outcome |",
        "|---|---|---|---|---|---|",
    ]
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for label, name, make in CASES:
            path = Path(folder) / name
            items = make(path)
            seconds, peak, outcome = measure(path, fresh_database("site_bench_wp"))
            size = path.stat().st_size / MB
            results.append({"case": label, "mb": size, "items": items,
                            "s": seconds, "rss_mb": peak, "outcome": outcome,
                            "within_cap": peak <= MEMORY_CAP_MB})  # fmt: skip
            rows.append(
                f"| {label} | {size:,.1f} MB | {items} | {seconds:.0f} | "
                f"{peak:.0f} MB | {outcome} |"
            )
            print(rows[-1], flush=True)
            path.unlink()
    write("wordpress_import", results, "\n".join(rows) + "\n")
    if any(not result["within_cap"] for result in results):
        sys.exit(f"An import went past the {MEMORY_CAP_MB} MB cap.")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--import"]:
        import_and_report_peak(sys.argv[2])
    else:
        main()
