"""What someone sees when failed sign-ins have locked the admin's door."""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """The admin's sign-in page, saying that it refuses and for how long (429)."""
    context = {
        **admin.site.each_context(request),
        "title": "Signing in is locked",
        "hours": settings.AXES_COOLOFF_TIME,
    }
    return render(request, "admin/locked_out.html", context, status=429)
