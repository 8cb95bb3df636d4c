from django.contrib import admin
from django.urls import path

from analytics import views

app_name = "analytics"

# Through the admin's own gate: staff only, and never cached.
urlpatterns = [
    path("counts.csv", admin.site.admin_view(views.export), name="export"),
]
