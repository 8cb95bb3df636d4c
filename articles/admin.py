from pathlib import PurePath

import reversion
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion_compare.admin import CompareVersionAdmin

from articles.audit import audit_subject, publishing_blockers
from articles.forms import images_into_library
from articles.models import Article, Author, PreviewLink, Series, Topic
from editing.checks import after_save
from editing.conflicts import conflict_message, stored_version
from editing.panel import editor_context
from editing.widgets import MarkdownEditor
from library import uploads
from library.admin import library_media
from publishing.models import DERIVED_FIELDS, Status
from seo.audit import audit
from seo.conf import settings as seo_settings
from seo.forms import SearchEngineForm
from seo.meta import absolute


class PreviewLinkForm(forms.ModelForm):
    def has_changed(self):
        """A new row is there only because the editor asked for a link: keep it.

        Django skips an extra inline row left at its defaults; here the
        defaults (a fresh token, seven days) are exactly what is wanted.
        """
        return self.instance._state.adding or super().has_changed()


class PreviewLinkInline(admin.TabularInline):
    model = PreviewLink
    form = PreviewLinkForm
    extra = 0
    fields = ("address", "expires_at", "revoked", "created_at")
    readonly_fields = ("address", "created_at")
    verbose_name = "shareable preview link"

    @admin.display(description="Link to send")
    def address(self, link):
        if not link.pk:
            return "Save to create the link."
        return format_html('<a href="{0}">{0}</a>', absolute(link.get_absolute_url()))


class ArticleAdminForm(SearchEngineForm):
    # The version the form was loaded at; a save based on an older one is
    # refused (see editing.conflicts).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"
        widgets = {"body": MarkdownEditor}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = stored_version(self.instance)

    def clean_version(self):
        """Refuse a save based on a version someone else has saved over."""
        version = self.cleaned_data["version"]
        if self.instance.pk is None:
            return version
        current = stored_version(self.instance, lock=True)
        if version != current:
            self.data = self.data.copy()
            self.data["version"] = current  # saving again replaces theirs
            self.add_error(None, conflict_message(self.instance))
        self.instance.version = current  # a restored revision carries its own
        return version

    def clean_body(self):
        """Outside images are copied into the media library, or the save refused."""
        return images_into_library(self.cleaned_data["body"])

    def clean_social_image(self):
        """A new upload may be no larger than social networks accept, and is
        kept as the media library keeps images: a type it takes, upright,
        without metadata (it is public)."""
        image = self.cleaned_data["social_image"]
        if not isinstance(image, UploadedFile):
            return image
        limit = seo_settings.SOCIAL_IMAGE_MAX_SIZE
        if image.size > limit:
            raise ValidationError(
                f"This image is {filesizeformat(image.size)}; social networks "
                f"accept at most {filesizeformat(limit)}. Please save it smaller."
            )
        return uploads.cleaned_copy(image.read(), stem=PurePath(image.name).stem)

    def _post_clean(self):
        """Refuse to publish while a check in SEO_BLOCKING_CHECKS fails."""
        super()._post_clean()
        if self.instance.status == Status.PUBLISHED:
            topics = self.cleaned_data.get("topics") or []
            for message in publishing_blockers(self.instance, topics=topics):
                self.add_error(None, message)


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"
    STATES = {
        "draft": lambda articles: articles.filter(
            status=Status.DRAFT, withdrawn_at__isnull=True
        ),
        "scheduled": lambda articles: articles.scheduled(),
        "live": lambda articles: articles.published(),
        "expired": lambda articles: articles.expired(),
        "withdrawn": lambda articles: articles.filter(withdrawn_at__isnull=False),
    }

    def lookups(self, request, model_admin):
        return [(state, state.capitalize()) for state in self.STATES]

    def queryset(self, request, queryset):
        state = self.STATES.get(self.value())
        return state(queryset) if state else queryset


@admin.register(Article)
class ArticleAdmin(CompareVersionAdmin):
    form = ArticleAdminForm
    list_display = (
        "title",
        "state",
        "published_at",
        "series",
        "series_position",
        "topic_list",
        "comment_count",
    )
    list_filter = (StateFilter, "topics", "series", "author")
    list_select_related = ("series",)
    search_fields = ("title", "summary", "body")
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("topics", "share_image")
    inlines = (PreviewLinkInline,)
    # What revisions compare: the editor's fields, not what the site derives.
    compare_exclude = (
        *DERIVED_FIELDS, "import_checksum", "search_vector", "social_image_width",
        "social_image_height",
    )  # fmt: skip
    actions = ("publish", "unpublish")
    readonly_fields = ("updated_at", "word_count", "reading_time", "seo_report")
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body", "author")}),
        ("Series and topics", {"fields": ("series", "series_position", "topics")}),
        (
            "Publishing",
            {
                "fields": (
                    "status",
                    "published_at",
                    "unpublish_at",
                    "content_updated_at",
                    "comments_open",
                    "updated_at",
                    ("word_count", "reading_time"),
                )
            },
        ),
        (
            "Search engines and social networks",
            {
                "fields": (
                    "seo_report",
                    "seo_title",
                    "meta_description",
                    "canonical_url",
                    "noindex",
                    "social_image",
                    "social_image_alt",
                    "share_image",
                )
            },
        ),
    )

    @property
    def media(self):
        return super().media + library_media()

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    @admin.display(description="comments", ordering="comment_count")
    def comment_count(self, article):
        return article.comment_count

    @admin.display(description="topics")
    def topic_list(self, article):
        return format_html_join(", ", "{}", ((t.name,) for t in article.topics.all()))

    @admin.display(description="state", ordering="status")
    def state(self, article):
        if article.state == "Scheduled":
            when = timezone.localtime(article.published_at)
            return f"Scheduled for {when:%-d %b %Y, %H:%M} {when:%Z}"
        return article.state

    @admin.display(description="SEO report")
    def seo_report(self, article):
        if not article.pk:
            return "Save the article to see how search engines will show it."
        subject = audit_subject(article, topics=list(article.topics.all()))
        return render_to_string(
            "admin/articles/article/seo_report.html",
            {"meta": subject.meta, "checks": audit(subject)},
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        article = self.get_object(request, object_id) if object_id else None
        extra_context = {
            **(extra_context or {}),
            "editor": editor_context(request, article),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        broken = after_save(
            article=article, topics=article.topics.all(), user=request.user
        )
        for path in broken:
            self.message_user(
                request, f"Broken internal link: {path}", messages.WARNING
            )

    def revision_view(self, request, object_id, version_id, extra_context=None):
        request.restores_revision = True  # the form shows the old version as is
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        unchanged = change and not form.has_changed()
        if unchanged and not getattr(request, "restores_revision", False):
            return  # nothing saved, so no empty "No fields changed" revision
        super().save_model(request, obj, form, change)
        if obj.status == Status.PUBLISHED:
            self.warn_about_seo(request, obj, topics=form.cleaned_data.get("topics"))

    def warn_about_seo(self, request, article, *, topics):
        """Say before Google does what search engines will find wrong."""
        subject = audit_subject(article, topics=list(topics or []))
        for check in audit(subject):
            if not check.ok:
                self.message_user(request, f"SEO: {check.message}", messages.WARNING)

    @admin.display(description="reading time")
    def reading_time(self, article):
        return f"{article.reading_time} min"

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        """Publish drafts now, or at the time already scheduled for them.

        Each goes through the checks the change form makes: the model's own
        rules (full_clean) and the blocking audit checks.
        """
        ready = []
        for article in queryset.exclude(status=Status.PUBLISHED):
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or timezone.now()
            problems = publishing_blockers(article, topics=article.topics.all())
            try:
                article.full_clean()
            except ValidationError as error:
                problems += error.messages
            if problems:
                for problem in problems:
                    self.message_user(
                        request,
                        f"“{article}” was not published: {problem}",
                        messages.ERROR,
                    )
            else:
                ready.append(article)
        self._save_with_revision(request, ready, comment="Published from the list.")
        self.message_user(request, f"Published {len(ready)} article(s).")

    @admin.action(description="Unpublish selected articles", permissions=["change"])
    def unpublish(self, request, queryset):
        published = list(queryset.filter(status=Status.PUBLISHED))
        for article in published:
            article.status = Status.DRAFT
        self._save_with_revision(
            request, published, comment="Unpublished from the list."
        )
        self.message_user(request, f"Unpublished {len(published)} article(s).")

    def _save_with_revision(self, request, articles, *, comment):
        for article in articles:
            with reversion.create_revision():
                article.save()
                reversion.set_user(request.user)
                reversion.set_comment(comment)


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "slug")
    search_fields = ("title",)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
