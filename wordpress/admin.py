import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse

from wordpress.models import EntryKind, ImportRun, RunStatus
from wordpress.progress import bar
from wordpress.runs import redirects_of
from wordpress.tasks import import_upload, undo_import
from wordpress.waiting import UnsafeFolder, discard, folder, read_progress, save_upload

EXTENSIONS = (".xml", ".zip")
FIELDS = ("export", "dry_run", "fetch_media", "with_pings")


class UploadForm(forms.ModelForm):
    export = forms.FileField(
        help_text="The file WordPress wrote (Tools → Export, all content): "
        ".xml, or a .zip of several."
    )

    class Meta:
        model = ImportRun
        fields = FIELDS

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("Upload the .xml or .zip file WordPress wrote.")
        try:
            folder()
        except UnsafeFolder as error:
            raise forms.ValidationError(str(error)) from error
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Superusers upload an export; the task worker imports it. A finished
    run shows its report, and offers what comes next: import for real,
    undo, discard the upload, download the redirects."""

    form = UploadForm
    change_form_template = "admin/wordpress/importrun/change_form.html"
    list_display = ("__str__", "dry_run", "status", "uploaded_by", "finished_at")
    readonly_fields = ("file_name", "dry_run", "fetch_media", "with_pings",
                       "status", "uploaded_by", "created_at", "finished_at",
                       "report_view")  # fmt: skip

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and (obj is None or obj.is_finished)

    def get_fields(self, request, obj=None):
        return self.readonly_fields if obj else FIELDS

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else ()

    @admin.display(description="report")
    def report_view(self, run):
        progress = read_progress(run) if run.status == RunStatus.RUNNING else None
        return render_to_string(
            "admin/wordpress/importrun/report.html",
            {"run": run, "summary": run.summary, "report": run.report,
             "progress": progress and bar(**progress)},
        )  # fmt: skip

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data["export"]
        obj.file_name, obj.uploaded_by = upload.name[:200], request.user
        obj.upload_name = save_upload(upload)
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: import_upload.enqueue(obj.pk))

    def delete_model(self, request, obj):
        discard(obj)
        super().delete_model(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id)
        extra = {
            "next_steps": run and self.next_steps(run),
            "refresh": run and not run.is_finished,
        }
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), **extra}
        )

    def next_steps(self, run):
        """The buttons a finished run offers: (url name, label, method)."""
        steps = []
        if not run.is_finished:
            return steps
        if run.dry_run and run.upload_name:
            steps.append(("import", "Import for real", "post"))
        if (
            not run.dry_run
            and run.status in (RunStatus.DONE, RunStatus.FAILED)
            and run.entries.exists()
        ):
            steps.append(("undo", "Undo this import", "post"))
        if run.upload_name:
            steps.append(("discard", "Discard the uploaded file", "post"))
        if run.entries.filter(kind=EntryKind.REDIRECT).exists():
            steps.append(("redirects", "Download the redirects (CSV)", "get"))
        return [
            (reverse(f"admin:wordpress_importrun_{name}", args=[run.pk]), label, method)
            for name, label, method in steps
        ]

    def get_urls(self):
        views = {
            "import": self.import_for_real,
            "undo": self.undo,
            "discard": self.discard_upload,
            "redirects": self.redirects_csv,
        }
        return [
            path(f"<int:pk>/{name}/", self.admin_site.admin_view(view),
                 name=f"wordpress_importrun_{name}")
            for name, view in views.items()
        ] + super().get_urls()  # fmt: skip

    def finished_run(self, request, pk):
        if not self.has_module_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=pk)
        return run, reverse("admin:wordpress_importrun_change", args=[run.pk])

    @transaction.atomic
    def import_for_real(self, request, pk):
        run, back = self.finished_run(request, pk)
        if request.method != "POST" or not (
            run.dry_run and run.upload_name and run.is_finished
        ):
            messages.error(
                request,
                "Only a finished dry run with its file can be imported for real.",
            )
            return HttpResponseRedirect(back)
        real = ImportRun.objects.create(
            file_name=run.file_name, dry_run=False, with_pings=run.with_pings,
            fetch_media=run.fetch_media, uploaded_by=request.user,
            upload_name=run.upload_name,
        )  # fmt: skip
        run.upload_name = ""
        run.save(update_fields=["upload_name"])
        transaction.on_commit(lambda: import_upload.enqueue(real.pk))
        messages.success(request, "The same file is being imported for real.")
        return HttpResponseRedirect(
            reverse("admin:wordpress_importrun_change", args=[real.pk])
        )

    def undo(self, request, pk):
        run, back = self.finished_run(request, pk)
        if request.method == "POST" and run.status in (
            RunStatus.DONE,
            RunStatus.FAILED,
        ):
            transaction.on_commit(lambda: undo_import.enqueue(run.pk))
            messages.success(request, "The import is being undone.")
        return HttpResponseRedirect(back)

    def discard_upload(self, request, pk):
        run, back = self.finished_run(request, pk)
        if request.method == "POST" and run.is_finished:
            discard(run)
            messages.success(request, "The uploaded file is deleted.")
        return HttpResponseRedirect(back)

    def redirects_csv(self, request, pk):
        run, _ = self.finished_run(request, pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="redirects-{run.pk}.csv"'
        )
        csv.writer(response).writerows(redirects_of(run))
        return response
