from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from editing.models import LinkCheck


@admin.register(LinkCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    """The link report: each link of each article as last checked."""

    list_display = ("url", "article_link", "internal", "ok", "status", "problem")
    list_filter = ("ok", "internal")
    list_select_related = ("article",)
    search_fields = ("url", "article__title")
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

    @admin.display(description="article", ordering="article__title")
    def article_link(self, check):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[check.article_id]),
            check.article,
        )
