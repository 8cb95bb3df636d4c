from django.contrib import admin, messages
from django.template.loader import render_to_string
from reversion_compare.admin import CompareVersionAdmin

from articles.forms import images_into_library
from editing.widgets import MarkdownEditor
from pages.audit import audit_subject
from pages.models import Page
from publishing.models import DERIVED_FIELDS
from seo.audit import audit
from seo.forms import SearchEngineForm


class PageAdminForm(SearchEngineForm):
    class Meta:
        model = Page
        fields = "__all__"
        widgets = {"body": MarkdownEditor}

    def clean_body(self):
        """Outside images are copied into the media library, or the save
        refused, unless readers already see them (then a warning)."""
        live = Page.objects.published().filter(pk=self.instance.pk).first()
        body, self.warnings = images_into_library(
            self.cleaned_data["body"], live_body=live.body if live else ""
        )
        return body


@admin.register(Page)
class PageAdmin(CompareVersionAdmin):
    form = PageAdminForm
    list_display = ("title", "path", "kind", "state", "show_in", "order")
    list_editable = ("order",)
    list_filter = ("status", "show_in", "kind")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}
    compare_exclude = (*DERIVED_FIELDS, "path")
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for warning in getattr(form, "warnings", {}).values():
            self.message_user(request, warning, messages.WARNING)

    @admin.display(description="state", ordering="status")
    def state(self, page):
        return page.state

    @admin.display(description="SEO report")
    def seo_report(self, page):
        if not page.pk:
            return "Save the page to see how search engines will show it."
        subject = audit_subject(page)
        return render_to_string(
            "admin/articles/article/seo_report.html",
            {"meta": subject.meta, "checks": audit(subject)},
        )
