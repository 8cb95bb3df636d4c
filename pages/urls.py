from django.urls import path, register_converter

from pages import views
from pages.converters import PagePathConverter

app_name = "pages"
register_converter(PagePathConverter, "pagepath")

urlpatterns = [
    path("<pagepath:path>/", views.PageDetailView.as_view(), name="detail"),
]
