from django import forms
from django.contrib import admin
from django.contrib.redirects.admin import RedirectAdmin
from django.contrib.redirects.models import Redirect

from seo.redirects import add_redirect, check_redirect


class RedirectForm(forms.ModelForm):
    class Meta:
        model = Redirect
        fields = ("site", "old_path", "new_path")

    def clean(self):
        cleaned = super().clean()
        old_path, new_path = cleaned.get("old_path"), cleaned.get("new_path")
        if old_path and "site" in cleaned:
            check_redirect(old_path, new_path or "", site_id=cleaned["site"].pk)
        return cleaned


admin.site.unregister(Redirect)


@admin.register(Redirect)
class SafeRedirectAdmin(RedirectAdmin):
    """Redirects checked for loops and stored in one hop, like automatic ones."""

    form = RedirectForm

    def save_model(self, request, obj, form, change):
        if change and "old_path" in form.changed_data:
            Redirect.objects.filter(pk=obj.pk).delete()
        add_redirect(obj.old_path, obj.new_path, site_id=obj.site_id)
        saved = Redirect.objects.get(site_id=obj.site_id, old_path=obj.old_path)
        obj.pk, obj.new_path = saved.pk, saved.new_path
