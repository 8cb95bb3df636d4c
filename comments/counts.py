"""The count of published comments each article and page stores."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce, Now

from comments.models import Comment
from pagecache import tags
from pagecache.changes import changed
from publishing.models import Entry


def recount(entry_ids, *, at_once=True):
    """Store the number of published comments of each article or page these
    entries are, and when they changed, in one statement per kind.

    ``at_once`` unless comments were only approved: then a copy of their
    pages from before may stand in while they render again.

    Lists and feeds read the count as a plain column (no join), and the
    cached comment thread is keyed by both; every path that changes which
    comments are published, or what they say, calls this.
    """
    entries = Entry.objects.filter(pk__in=set(entry_ids) - {None})
    published = (
        Comment.objects.approved()
        .filter(entry=OuterRef("entry_id"))
        .order_by()
        .values("entry")
        .annotate(count=Count("pk"))
        .values("count")
    )
    targets = []
    kinds = entries.values_list("content_type", flat=True).distinct()
    for kind in ContentType.objects.filter(pk__in=kinds):
        rows = kind.model_class().objects.filter(entry__in=entries)
        rows.update(
            comment_count=Coalesce(Subquery(published), 0), comments_changed_at=Now()
        )
        targets += rows.only("pk", "entry_id")
    # Bulk moderation sends no save signals.
    shown = {tag for target in targets for tag in target.comment_tags()}
    changed(lambda: shown | {tags.COMMENTS}, at_once=at_once)


def targets_of(comments):
    """The entries these comments are on, for recount()."""
    return list(comments.values_list("entry_id", flat=True))
