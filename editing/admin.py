"""The editor's admins: articles and pages, each a PublishableAdmin, and the
link report."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from articles.admin import PreviewLinkInline
from articles.audit import audit_subject as article_subject
from articles.models import Article, Author
from editing.addresses import edit_url
from editing.forms import ArticleForm
from editing.models import LinkCheck
from editing.publishable_admin import PublishableAdmin, StateFilter
from pages.audit import audit_subject as page_subject
from pages.models import Page
from publishing.models import DERIVED_FIELDS

# Who the preview of an article not yet given an author says wrote it.
PLACEHOLDER_AUTHOR = Author(name="Author", slug="author")


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    form = ArticleForm
    list_display = (
        "title", "state", "published_at", "series", "series_position",
        "topic_list", "comment_count",
    )  # fmt: skip
    list_filter = (StateFilter, "pinned", "topics", "series", "author")
    list_select_related = ("series",)
    date_hierarchy = "published_at"
    autocomplete_fields = ("topics", "share_image")
    inlines = (PreviewLinkInline,)
    compare_exclude = (
        *DERIVED_FIELDS, "import_checksum", "search_vector", "social_image_width",
        "social_image_height",
    )  # fmt: skip
    preview_fields = (*PublishableAdmin.preview_fields, "author")
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
                    "pinned",
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

    def audit_subject(self, article, *, form=None):
        if form is not None:
            topics = form.cleaned_data.get("topics") or []
        else:
            topics = article.topics.all() if article.pk else []
        return article_subject(article, topics=list(topics))

    def unsaved(self, article, fields):
        draft = super().unsaved(article, fields)
        if draft.author_id is None:
            draft.author = PLACEHOLDER_AUTHOR
        return draft

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("topics")

    @admin.display(description="comments", ordering="comment_count")
    def comment_count(self, article):
        return article.comment_count

    @admin.display(description="topics")
    def topic_list(self, article):
        return format_html_join(", ", "{}", ((t.name,) for t in article.topics.all()))


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ("title", "path", "kind", "state", "show_in", "order")
    compare_exclude = (*DERIVED_FIELDS, "path")
    list_editable = ("order",)
    list_filter = (StateFilter, "show_in", "kind")
    preview_fields = (*PublishableAdmin.preview_fields, "kind")
    readonly_fields = ("updated_at", "seo_report")
    fieldsets = (
        (None, {"fields": ("title", "slug", "parent", "kind", "summary", "body")}),
        (
            "Publishing",
            {
                "fields": (
                    "status",
                    "published_at",
                    "unpublish_at",
                    "show_in",
                    "order",
                    "comments_open",
                    "updated_at",
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
                )
            },
        ),
    )

    def audit_subject(self, page, *, form=None):
        return page_subject(page)


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """The link report: each link of each article and page as last checked."""

    list_display = ("url", "entry_link", "internal", "ok", "status", "problem")
    list_filter = ("ok", "internal")
    list_select_related = ("entry",)
    search_fields = ("url", "entry__title")
    date_hierarchy = "checked_at"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.change_article")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description="on", ordering="entry__title")
    def entry_link(self, check):
        return format_html('<a href="{}">{}</a>', edit_url(check.entry), check.entry)
