"""The admin of what articles are filed under (series, topics, authors), and
the preview links of an article, which its admin (in the editing app) shows."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from articles.models import Author, PreviewLink, Series, Topic
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
        if link.token is None:
            return (
                "Made before links were kept as hashes: it works until it "
                "expires, but cannot be shown. Add a new link to send one."
            )
        return format_html('<a href="{0}">{0}</a>', absolute(link.get_absolute_url()))


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
