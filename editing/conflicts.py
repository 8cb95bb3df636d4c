"""Two editors on one article: the later save based on an old version is refused."""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

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
    """Who saved the article since this form was loaded, and what to do."""
    last = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            object_id=str(article.pk),
        )
        .select_related("user")
        .first()
    )
    who = "Someone else"
    if last is not None:
        when = timezone.localtime(last.action_time)
        name = last.user.get_full_name() or last.user.get_username()
        who = f"{name} (at {when:%H:%M} {when:%Z})"
    return (
        f"{who} saved this article after you opened it, so it was not saved. "
        "Your text is still here: open the article in another tab to compare, "
        "then save again to replace their version with yours."
    )
