"""Who may send files, and how much a form may send, decided before the body
is read.

Only signed-in staff send files (the admin's forms). A reader's form is
text: a multipart body from anyone else is refused at its first file part,
and at once if it is larger than a form's text may be
(DATA_UPLOAD_MAX_MEMORY_SIZE), before anything is kept in memory or in a
temporary file. Django itself refuses a larger URL-encoded body the same way.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class FilesFromStaffOnly(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: the others keep files only for staff."""

    def handle_raw_input(
        self, input_data, META, content_length, boundary, encoding=None
    ):
        if content_length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE and not self.staff:
            raise RequestDataTooBig("This form is larger than any the site takes.")

    def new_file(self, *args, **kwargs):
        if not self.staff:
            raise BadRequest("Files are not accepted here.")

    def receive_data_chunk(self, raw_data, start):
        return raw_data  # for the next handler

    def file_complete(self, file_size):
        return None  # the next handler keeps the file

    @property
    def staff(self):
        user = getattr(self.request, "user", None)
        return bool(user and user.is_active and user.is_staff)
