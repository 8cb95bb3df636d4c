from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from library import uploads
from library.forms import ImageForm, LibrarySearchForm
from library.markup import markdown_for
from library.models import Image

CHOOSER_PAGE = 60
# Room in an upload's body for its other fields and the multipart framing.
FORM_ROOM = 64 * 1024


def library_media():
    """The media library's script for a form with a Markdown body: it knows
    where to upload and where to search, from its own data attributes."""
    return forms.Media(
        js=[
            forms.Script(
                "js/media-library.js",
                **{
                    "data-upload-url": reverse("admin:library_image_upload"),
                    "data-choose-url": reverse("admin:library_image_choose"),
                    "defer": True,
                },
            )
        ],
        css={"all": ["css/media-library.css"]},
    )


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    # The description heads each row (a thumbnail's alt text would repeat it).
    list_display = (
        "__str__", "thumbnail", "decorative", "caption", "size", "uploaded_at",
    )  # fmt: skip
    list_filter = ("decorative",)
    search_fields = ("alt_text", "caption", "credit", "original_name")
    readonly_fields = ("preview", "markdown", "size", "original_name", "used_in")

    @property
    def media(self):
        return super().media + forms.Media(css={"all": ["css/media-library.css"]})

    def get_fields(self, request, obj=None):
        editable = ["alt_text", "decorative", "caption", "credit", "focal_x", "focal_y"]
        if obj is None:
            return ["upload", *editable]
        return ["preview", "markdown", *editable, "size", "original_name", "used_in"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            # Exempt from the middleware's CSRF check, which reads the whole
            # body: the view checks its size first, then CSRF (upload_view).
            path(
                "upload/",
                view(csrf_exempt(self.upload_view)),
                name="library_image_upload",
            ),
            path("choose/", view(self.choose_view), name="library_image_choose"),
            *super().get_urls(),
        ]

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img class="library-thumbnail" src="{}" alt="" width="{}" height="{}">',
            image.thumbnail_url,
            120,
            max(1, round(120 * image.height / image.width)),
        )

    @admin.display(description="image")
    def preview(self, image):
        return format_html(
            '<img class="library-preview" src="{}" alt="{}" width="{}" height="{}">',
            image.url,
            image.alt_text,
            image.width,
            image.height,
        )

    @admin.display(description="Markdown to show it")
    def markdown(self, image):
        return format_html("<code>{}</code>", image.markdown)

    @admin.display(description="size")
    def size(self, image):
        return f"{image.width}×{image.height}"

    @admin.display(description="shown in")
    def used_in(self, image):
        # What shows an image keeps it (and protects it from deletion).
        uses = image.uses.select_related("entry__content_type")
        if not uses:
            return "Nothing shows it yet."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (
                    reverse(
                        f"admin:{use.entry.content_type.app_label}_"
                        f"{use.entry.content_type.model}_change",
                        args=[use.entry.object_id],
                    ),
                    use.entry.title,
                )
                for use in uses
            ),
        )

    def upload_view(self, request):
        """The editor's upload from an article's form: JSON in, Markdown out.

        A body larger than the library takes is refused before it is read."""
        return require_POST(self._sized_upload)(request)

    def _sized_upload(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        try:
            uploads.check_size(length - FORM_ROOM)
        except ValidationError as error:
            return JsonResponse({"errors": error.messages}, status=413)
        return csrf_protect(self._upload)(request)

    def _upload(self, request):
        if not self.has_add_permission(request):
            return JsonResponse({"errors": ["You may not add images."]}, status=403)
        upload = request.FILES.get("upload")
        alt = request.POST.get("alt_text", "")
        if upload:
            try:
                uploads.check_size(upload.size)
            except ValidationError as error:
                return JsonResponse({"errors": error.messages}, status=413)
            duplicate = ImageForm.duplicate_of(uploads.file_hash(upload))
            if duplicate is not None:
                return JsonResponse(
                    {
                        "id": duplicate.pk,
                        "markdown": markdown_for(duplicate, alt=alt),
                        "message": "This image was already in the library; "
                        "the article shows that one.",
                    }
                )
        form = ImageForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = [m for field in form.errors.values() for m in field]
            return JsonResponse({"errors": errors}, status=400)
        image = form.save()
        self.log_addition(request, image, [{"added": {}}])
        return JsonResponse(
            {"id": image.pk, "markdown": markdown_for(image, alt=alt)}, status=201
        )

    def choose_view(self, request):
        """The library's images for the chooser, newest first, searchable."""
        return require_GET(self._choose)(request)

    def _choose(self, request):
        if not self.has_view_permission(request):
            return JsonResponse({"errors": ["You may not see images."]}, status=403)
        form = LibrarySearchForm(request.GET)
        if not form.is_valid():
            errors = [m for field in form.errors.values() for m in field]
            return JsonResponse({"errors": errors}, status=400)
        images = Image.objects.search(form.cleaned_data["q"])[:CHOOSER_PAGE]
        return JsonResponse(
            {
                "images": [
                    {
                        "id": image.pk,
                        "label": str(image),
                        "thumbnail": image.thumbnail_url,
                        "width": image.width,
                        "height": image.height,
                        "decorative": image.decorative,
                        "caption": image.caption,
                        "markdown": image.markdown,
                    }
                    for image in images
                ]
            }
        )
