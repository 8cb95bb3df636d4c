from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html

from wordpress.models import ImportRun
from wordpress.tasks import import_upload

EXTENSIONS = (".xml", ".zip")


class UploadForm(forms.ModelForm):
    export = forms.FileField(
        help_text="The file WordPress wrote (Tools → Export, all content): "
        ".xml, or a .zip of several."
    )

    class Meta:
        model = ImportRun
        fields = ("export", "dry_run", "with_pings")

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("Upload the .xml or .zip file WordPress wrote.")
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Superusers upload an export; the task worker imports it."""

    form = UploadForm
    list_display = ("__str__", "dry_run", "status", "uploaded_by", "finished_at")
    readonly_fields = ("file_name", "dry_run", "with_pings", "status", "uploaded_by",
                       "created_at", "finished_at", "report_text")  # fmt: skip

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj else ("export", "dry_run", "with_pings")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ()

    @admin.display(description="report")
    def report_text(self, run):
        return format_html("<pre>{}</pre>", run.report or "Not yet.")

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data["export"]
        obj.file_name, obj.uploaded_by = upload.name[:200], request.user
        super().save_model(request, obj, form, change)
        obj.upload_path.parent.mkdir(parents=True, exist_ok=True)
        with obj.upload_path.open("wb") as file:
            for chunk in upload.chunks():
                file.write(chunk)
        transaction.on_commit(lambda: import_upload.enqueue(obj.pk))
