"""How far an import has come, and how long it has left.

The importer counts items; Progress tells a watcher (the command's bar, the
admin's page) at most every INTERVAL seconds, and once at the end, how many
are done and the time left at the pace so far.
"""

import time

INTERVAL = 0.5


class Progress:
    def __init__(self, show=None):
        self.show = show or (lambda done, total, left: None)
        self.total = self.done = 0
        self.started = self.shown = time.monotonic()

    def start(self, total):
        self.total, self.done = total, 0
        self.started = self.shown = time.monotonic()
        self.show(0, total, None)

    def step(self):
        self.done += 1
        now = time.monotonic()
        if now - self.shown >= INTERVAL:
            self.shown = now
            self.show(min(self.done, self.total), self.total, self.seconds_left(now))

    def finish(self):
        self.show(self.total, self.total, 0)

    def seconds_left(self, now):
        if not self.done or self.done >= self.total:
            return None if not self.done else 0
        return (now - self.started) / self.done * (self.total - self.done)


def bar(done, total, left, *, width=30):
    """A text progress bar: ``[#####-----]  50%  120/240 items, about 1 min left``."""
    share = done / total if total else 1
    filled = round(width * share)
    when = "" if left is None else f", {time_left(left)}"
    line = "#" * filled + "-" * (width - filled)
    return f"[{line}] {share:4.0%}  {done}/{total} items{when}"


def time_left(seconds):
    if seconds < 1:
        return "done" if seconds == 0 else "under a second left"
    if seconds < 90:
        return f"about {seconds:.0f} s left"
    return f"about {seconds / 60:.0f} min left"
