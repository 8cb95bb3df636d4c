"""What an import did, or would do: counted as it goes, printed at the end.

Lists that grow with the size of the export (the redirect table, flagged
drafts, missing media) keep their first LISTED rows and count the rest, so
that a large import's memory stays flat; the whole redirect table is in the
admin under Redirects.
"""

from collections import Counter
from dataclasses import dataclass, field

LISTED = 200


@dataclass
class Report:
    dry_run: bool = False
    files: list = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)  # (kind, outcome)
    statuses: Counter = field(default_factory=Counter)  # (kind, status here)
    skipped: Counter = field(default_factory=Counter)  # (what, why)
    flagged: list = field(default_factory=list)
    flagged_count: int = 0
    dynamic_blocks: Counter = field(default_factory=Counter)
    unknown_shortcodes: Counter = field(default_factory=Counter)
    missing_media: list = field(default_factory=list)
    missing_media_count: int = 0
    library: Counter = field(default_factory=Counter)  # images added, reused
    no_alt: set = field(default_factory=set)  # images shown without alt text
    redirects: list = field(default_factory=list)
    redirect_count: int = 0
    refused_redirects: list = field(default_factory=list)
    emails: int = 0
    ips: int = 0
    control_characters: int = 0
    errors: list = field(default_factory=list)

    def flag(self, kind, key, title, why):
        self.flagged_count += 1
        if len(self.flagged) < LISTED:
            self.flagged.append(f"{kind} {key} “{title}”: {why}")

    def media_missing(self, url):
        self.missing_media_count += 1
        if len(self.missing_media) < LISTED:
            self.missing_media.append(url)

    def without_alt(self, upload):
        self.no_alt.add(upload)

    def redirected(self, old_path, new_path):
        self.redirect_count += 1
        if len(self.redirects) < LISTED:
            self.redirects.append((old_path, new_path))

    def lines(self):
        heading = "Dry run: nothing was written." if self.dry_run else "Imported."
        yield f"{heading} Files: {', '.join(self.files) or 'none'}."
        yield from _counted("Results", self.outcomes)
        yield from _counted("Status here", self.statuses)
        yield from _counted("Skipped", self.skipped)
        yield from _listed("Flagged", self.flagged, self.flagged_count)
        yield from _counted("Dynamic blocks (not rendered here)", self.dynamic_blocks)
        yield from _counted(
            "Unknown shortcodes (left as text)", self.unknown_shortcodes
        )
        yield from _listed(
            "Missing media", self.missing_media, self.missing_media_count
        )
        yield (
            f"Media library images: {self.library['added']} added, "
            f"{self.library['reused']} already there."
        )
        yield from _listed(
            "Images without alt text (imported as the old site showed them; "
            "describe them in the media library)",
            sorted(self.no_alt)[:LISTED],
            len(self.no_alt),
        )
        rows = [f"{old} → {new or '410 Gone'}" for old, new in self.redirects]
        yield from _listed("Redirects", rows, self.redirect_count)
        yield from _listed("Redirects refused", self.refused_redirects)
        yield f"Commenters' emails imported: {self.emails}; IP addresses: {self.ips}."
        yield f"Control characters stripped: {self.control_characters}."
        yield from _listed("Errors", self.errors)

    def __str__(self):
        return "\n".join(self.lines())


def _counted(title, counter):
    if counter:
        yield f"{title}:"
        for key, count in sorted(counter.items()):
            label = " ".join(key) if isinstance(key, tuple) else key
            yield f"  {label}: {count}"


def _listed(title, rows, total=None):
    total = len(rows) if total is None else total
    if total:
        yield f"{title} ({total}):"
        yield from (f"  {row}" for row in rows)
        if total > len(rows):
            yield f"  … and {total - len(rows)} more"
