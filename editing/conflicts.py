"""Two editors on one article: the later save based on an old version is refused."""

from django.utils import timezone
from reversion.models import Version

from articles.models import Article


def stored_version(article, *, lock=False):
    """The article's version as stored now (locked until the save commits)."""
    if article.pk is None:
        return article.version
    rows = Article.objects.filter(pk=article.pk)
    if lock:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def conflict_message(article):
    """Who saved the article since this form was loaded, and what to do.

    Every save keeps a revision (the form's and the list's actions alike),
    so the newest one names who saved last.
    """
    last = (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created")
        .first()
    )
    who = "Someone else"
    if last is not None and last.revision.user is not None:
        user = last.revision.user
        when = timezone.localtime(last.revision.date_created)
        who = (
            f"{user.get_full_name() or user.get_username()} (at {when:%H:%M} {when:%Z})"
        )
    return (
        f"{who} saved this article after you opened it, so it was not saved. "
        "Your text is still here: open the article in another tab to compare, "
        "then save again to replace their version with yours."
    )
