"""The writers of the benchmark's mixed workload: a moderator approving a
comment a second, and editors whose browsers keep an article open, calling
the editor's endpoints as the article form's script does."""

import http.cookiejar
import random
import re
import threading
import time
import urllib.parse
import urllib.request

PRESENCE_SECONDS, DRAFT_SECONDS = 20, 30

PASSWORD = "a long pass phrase for the benchmark"  # noqa: S105 - a bench account


def editor_account(number):
    """The username of a staff member in the Editors group, made if need be."""
    from django.contrib.auth.models import Group, User

    username = f"bench-editor-{number}"
    if not User.objects.filter(username=username).exists():
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))
    return username


class EditorBrowser:
    """A browser signed in to the admin by its own sign-in form."""

    def __init__(self, base, username):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar)
        )
        with self.opener.open(f"{base}/admin/login/", timeout=30) as answer:
            form = answer.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        fields = {"username": username, "password": PASSWORD}
        fields["csrfmiddlewaretoken"] = token
        self.post("/admin/login/?next=/admin/", fields)

    def presence(self, article):
        self.post(f"/admin/editing/entries/{article.entry_id}/presence/", {})

    def save_draft(self, article):
        typed = f"{article.body}\n\nTyped at {time.time():.0f}."
        self.post(
            f"/admin/editing/entries/{article.entry_id}/draft/",
            {"title": article.title, "summary": article.summary, "body": typed,
             "version": article.version},
        )  # fmt: skip

    def post(self, path, fields):
        token = next(c.value for c in self.jar if c.name.endswith("csrftoken"))
        request = urllib.request.Request(  # noqa: S310 - loopback
            f"{self.base}{path}",
            data=urllib.parse.urlencode(fields).encode(),
            headers={"X-CSRFToken": token},
        )
        with self.opener.open(request, timeout=30) as answer:
            answer.read()


class Writers:
    """One comment approved a second, on a random article, and two editors
    with an article open, until the block ends."""

    def __init__(self, base):
        from articles.models import Article

        self.base = base
        self.stop = threading.Event()
        self.done = {"comments approved": 0, "presence calls": 0, "drafts saved": 0}
        self.pending = waiting_comments()
        self.open = list(Article.objects.published()[:2])
        self.browsers = [
            EditorBrowser(base, editor_account(number)) for number in range(2)
        ]

    def __enter__(self):
        self.threads = [threading.Thread(target=self.moderate)] + [
            threading.Thread(target=self.keep_open, args=pair)
            for pair in zip(self.browsers, self.open, strict=True)
        ]
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def moderate(self):
        """Approve a comment a second, as the moderator's form does: a save."""
        from django.db import connection

        from comments.models import Status

        try:
            while self.pending and not self.stop.wait(1):
                comment = self.pending.pop()
                comment.status = Status.APPROVED
                comment.save()
                self.done["comments approved"] += 1
        finally:
            connection.close()

    def keep_open(self, browser, article):
        """An editor's browser with the article's form open."""
        next_presence = next_draft = time.monotonic()
        while not self.stop.wait(0.1):
            if time.monotonic() >= next_presence:
                browser.presence(article)
                self.done["presence calls"] += 1
                next_presence += PRESENCE_SECONDS
            if time.monotonic() >= next_draft:
                browser.save_draft(article)
                self.done["drafts saved"] += 1
                next_draft += DRAFT_SECONDS


def waiting_comments(count=600):
    """Comments held for moderation, on random articles."""
    from articles.models import Article
    from comments.models import Comment, Status

    rng = random.Random(7)  # noqa: S311 - sample data
    entries = list(Article.objects.published().values_list("entry_id", flat=True))
    made = Comment.objects.bulk_create(
        Comment(
            entry_id=rng.choice(entries),
            name="Waiting Reader",
            email=f"waiting{number}@example.net",
            body=f"A comment waiting for a moderator, number {number}.",
            body_html=f"<p>A comment waiting for a moderator, number {number}.</p>",
            status=Status.PENDING,
            depth=1,
            path=f"w{number:09d}/",
        )
        for number in range(count)
    )
    return list(Comment.objects.filter(pk__in=[comment.pk for comment in made]))
