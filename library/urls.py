from django.urls import path, register_converter

from library import views
from library.converters import LibraryFileConverter

app_name = "library"
register_converter(LibraryFileConverter, "library_file")

urlpatterns = [
    path("<library_file:name>", views.library_file, name="file"),
]
