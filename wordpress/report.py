"""What an import did, or would do, told to the site's owner.

First what needs attention, each with a link to where to fix it: what was
not imported, images not brought over, content the site does not show,
drafts, images without alt text, addresses not redirected. Then the counts.
The redirect table itself is a CSV download (admin) or
``import_wordpress --redirects RUN``.

Lists that grow with the export keep their first LISTED rows and count the
rest, so that a large import's memory stays flat.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

LISTED = 200
SECTIONS = {
    "refused": "Not imported",
    "media": "Images and files not brought over: readers see a placeholder "
    "linking to the old address",
    "content": "Content this site does not show",
    "draft": "Imported as drafts, or not public",
    "address": "At a new address",
    "alt": "Images without alt text: describe them in the media library",
    "redirect": "Old addresses that could not redirect",
}
NAMES = {"article": "Articles", "page": "Pages", "comment": "Comments",
         "topic": "Topics", "author": "Authors"}  # fmt: skip
STATES = {"approved": "approved", "pending": "awaiting moderation"}


@dataclass
class Report:
    dry_run: bool = False
    site: str = ""
    files: list = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)  # (kind, outcome)
    statuses: Counter = field(default_factory=Counter)  # (kind, status here)
    skipped: Counter = field(default_factory=Counter)  # (what, why)
    attention: dict = field(default_factory=lambda: defaultdict(list))
    attention_counts: Counter = field(default_factory=Counter)
    links: dict = field(default_factory=dict)  # (kind, wp id) → admin address
    missing_media: dict = field(default_factory=dict)  # item → (title, files)
    library: Counter = field(default_factory=Counter)  # images added, reused
    no_alt: set = field(default_factory=set)
    embeds: Counter = field(default_factory=Counter)
    players: Counter = field(default_factory=Counter)
    galleries: int = 0
    redirect_count: int = 0
    emails: int = 0
    ips: int = 0
    control_characters: int = 0
    errors: list = field(default_factory=list)

    def note(self, section, text, *, item=None, url=""):
        """Something for the owner to look at; ``item`` (kind, wp id) links it
        to what it became, once that is known."""
        self.attention_counts[section] += 1
        if len(self.attention[section]) < LISTED:
            self.attention[section].append((text, item, url))

    def refuse(self, text, *, item=None):
        self.errors.append(text)
        self.note("refused", text, item=item)

    def flag(self, kind, key, title, why):
        self.note("draft", f"{kind} {key} “{title}”: {why}", item=(kind, key))

    def media_missing(self, upload, *, why="", item=None):
        """A file not brought over, listed with the post that shows it."""
        self.attention_counts["media"] += 1
        key = item[:2] if item else None
        if key not in self.missing_media and len(self.missing_media) >= LISTED:
            return
        title = item[2] if item else "(not shown in a post)"
        files = self.missing_media.setdefault(key, (title, []))[1]
        if len(files) < LISTED:
            files.append((upload, why))

    def media_rows(self):
        rows = []
        for key, (title, files) in self.missing_media.items():
            reasons = {why for _, why in files}
            shared = reasons.pop() if len(reasons) == 1 else None
            names = ", ".join(
                upload if shared is not None or not why else f"{upload} ({why})"
                for upload, why in files
            )
            text = f"“{title}” ({len(files)}): {names}{f': {shared}' if shared else ''}"
            rows.append((text, key, ""))
        return rows

    def without_alt(self, upload):
        if upload not in self.no_alt and len(self.no_alt) < LISTED:
            self.no_alt.add(upload)
            self.note("alt", upload)

    def locate(self, kind, key, url):
        """Where an imported item can be edited, for the notes about it."""
        self.links[(kind, key)] = url

    def redirected(self):
        self.redirect_count += 1

    def sections(self):
        """[(title, total, [(text, url)])] of what needs attention."""
        rows = {**self.attention, "media": self.media_rows()}
        return [
            (title, self.attention_counts[name], [
                (text, url or self.links.get(item, ""))
                for text, item, url in rows[name]
            ])
            for name, title in SECTIONS.items()
            if self.attention_counts[name]
        ]  # fmt: skip

    def counts(self):
        """Lines of what was imported, skipped and kept private."""
        lines = [self._kind_line(kind, name) for kind, name in NAMES.items()]
        lines = [line for line in lines if line]
        lines.append(
            f"Media library images: {self.library['added']} added, "
            f"{self.library['reused']} already there."
        )
        if self.embeds:
            lines.append(f"Embeds shown as link cards: {_listing(self.embeds)}.")
        if self.players:
            lines.append(
                f"Sound and video: {_listing(self.players)}: a player where the "
                "file was brought over, else a link."
            )
        if self.galleries:
            lines.append(f"Galleries: {self.galleries}.")
        lines.append(f"Redirects from old addresses: {self.redirect_count}.")
        for (what, why), count in sorted(self.skipped.items()):
            lines.append(f"Left out: {what} ({why}): {count}.")
        lines.append(
            f"Commenters' emails imported: {self.emails}; IP addresses: {self.ips}."
        )
        if self.control_characters:
            lines.append(f"Control characters stripped: {self.control_characters}.")
        return lines

    def _kind_line(self, kind, name):
        outcomes = {o: n for (k, o), n in sorted(self.outcomes.items()) if k == kind}
        if not outcomes:
            return ""
        states = {s: n for (k, s), n in sorted(self.statuses.items()) if k == kind}
        detail = ", ".join(f"{n} {STATES.get(s, s)}" for s, n in states.items())
        done = ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items())
        return f"{name}: {done}{f' ({detail})' if detail else ''}."

    @property
    def heading(self):
        files = ", ".join(self.files) or "none"
        if self.dry_run:
            return f"Dry run: nothing was written. Files: {files}."
        return f"Imported from {self.site or 'the export'}. Files: {files}."

    def as_dict(self):
        """The report for the admin's page (JSON)."""
        return {
            "heading": self.heading,
            "attention": [
                {"title": title, "total": total, "rows": rows,
                 "more": total - len(rows) if title != SECTIONS["media"] else 0}
                for title, total, rows in self.sections()
            ],
            "counts": self.counts(),
        }  # fmt: skip

    def lines(self):
        yield self.heading
        if sections := self.sections():
            total = sum(count for _, count, _ in sections)
            yield f"Needs your attention ({total}):"
            for title, count, rows in sections:
                yield f"  {title} ({count}):"
                for text, url in rows:
                    yield f"    {text}{f' → {url}' if url else ''}"
                if (more := count - len(rows)) > 0 and title != SECTIONS["media"]:
                    yield f"    … and {more} more"
        else:
            yield "Nothing needs your attention."
        yield "What was imported:"
        yield from (f"  {line}" for line in self.counts())

    def __str__(self):
        return "\n".join(self.lines())


def _listing(counter):
    total = sum(counter.values())
    parts = ", ".join(f"{name} {n}" for name, n in counter.most_common())
    return f"{total} ({parts})"
