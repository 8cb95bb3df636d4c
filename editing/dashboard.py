"""The admin's index as an editor's home: what needs them, newest first."""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from editing.models import AuditResult, Draft, LinkCheck
from publishing.models import Status

SHOWN = 8
SCHEDULE_DAYS = 7


def my_drafts(user):
    """Drafts this editor has saved, or has a draft kept while typing of."""
    logged = LogEntry.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(Article)
    ).values_list("object_id", flat=True)
    typed = Draft.objects.filter(user=user).values_list("article_id", flat=True)
    mine = {int(pk) for pk in logged if pk.isdigit()} | set(typed)
    return Article.objects.filter(pk__in=mine, status=Status.DRAFT).order_by(
        "-updated_at"
    )[:SHOWN]


def dashboard(user):
    sections = {}
    if user.has_perm("articles.change_article"):
        sections.update(article_sections(user))
    if user.has_perm("comments.moderate_comment"):
        sections["can_moderate"] = True
        sections["pending"] = (
            Comment.objects.in_moderation()
            .select_related("entry")
            .only("name", "body", "created_at", "entry__title")
            .order_by("created_at")[:SHOWN]
        )
    return sections


def article_sections(user):
    now = timezone.now()
    articles = Article.objects.only("title", "published_at", "status", "updated_at")
    return {
        "drafts": my_drafts(user),
        "scheduled": articles.scheduled()
        .filter(published_at__lte=now + timedelta(days=SCHEDULE_DAYS))
        .order_by("published_at"),
        "recent": articles.published()[:SHOWN],
        "failing": AuditResult.objects.exclude(failures=[])
        .select_related("article")
        .only("failures", "article__title")
        .order_by("-checked_at")[:SHOWN],
        "broken_links": LinkCheck.objects.broken()
        .filter(internal=True)
        .select_related("article")
        .only("url", "problem", "article__title")[:SHOWN],
        "broken_external": LinkCheck.objects.broken().filter(internal=False).count(),
        "time_zone": timezone.get_current_timezone_name(),
        "schedule_days": SCHEDULE_DAYS,
    }
