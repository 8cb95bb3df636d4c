"""The admin's index as an editor's home: what needs them, newest first."""

from datetime import timedelta

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from editing.models import AuditResult, Draft, LinkCheck
from publishing.models import Status, publishable_models

SHOWN = 8
SCHEDULE_DAYS = 7
# The admin's names for apps whose own names are labels ("OTP_TOTP").
APP_NAMES = {
    "auth": "Users and groups",
    "axes": "Sign-in lockouts",
    "django_tasks_database": "Background tasks",
    "otp_static": "Two-factor backup codes",
    "otp_totp": "Two-factor authenticator apps",
    "sites": "Site address",
}
# Listed after the apps editors work in: what an owner seldom opens.
MACHINERY = {"auth", "axes", "django_tasks_database", "otp_static", "otp_totp", "sites"}


def named_for_editors(app_list):
    """The admin's list of apps, each named in plain words, the site's own
    machinery last."""
    named = [
        {**app, "name": APP_NAMES.get(app["app_label"], app["name"])}
        for app in app_list
    ]
    return sorted(named, key=lambda app: app["app_label"] in MACHINERY)


def my_drafts(user):
    """Drafts (articles, pages…) this editor has saved, or has a draft kept
    while typing of, last changed first."""
    kinds = ContentType.objects.get_for_models(*publishable_models())
    logged = LogEntry.objects.filter(
        user=user, content_type__in=kinds.values()
    ).values_list("content_type_id", "object_id")
    mine = {(kind, int(pk)) for kind, pk in logged if pk.isdigit()}
    mine |= set(
        Draft.objects.filter(user=user).values_list(
            "entry__content_type_id", "entry__object_id"
        )
    )
    drafts = []
    for model, kind in kinds.items():
        ids = [pk for kind_id, pk in mine if kind_id == kind.pk]
        rows = model.objects.filter(pk__in=ids, status=Status.DRAFT)
        drafts += rows.only("title", "updated_at").order_by("-updated_at")[:SHOWN]
    return sorted(drafts, key=lambda row: row.updated_at, reverse=True)[:SHOWN]


def dashboard(user):
    sections = {
        "may_write": user.has_perm("articles.add_article"),
        "may_add_page": user.has_perm("pages.add_page"),
    }
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
        .select_related("entry")
        .only("failures", "entry__title", "entry__content_type", "entry__object_id")
        .order_by("-checked_at")[:SHOWN],
        "broken_links": LinkCheck.objects.broken()
        .filter(internal=True)
        .select_related("entry")
        .only(
            "url", "problem", "entry__title", "entry__content_type", "entry__object_id"
        )[:SHOWN],
        "broken_external": LinkCheck.objects.broken().filter(internal=False).count(),
        "time_zone": timezone.get_current_timezone_name(),
        "schedule_days": SCHEDULE_DAYS,
    }
