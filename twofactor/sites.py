"""The admin site: django-otp's, with the code asked on a page of its own."""

from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.urls import path
from django_otp.admin import OTPAdminSite

from twofactor.decorators import (
    code_asked_of,
    owes_second_factor,
    second_factor_redirect,
)


class StaffAdminSite(OTPAdminSite):
    """Every view of the admin, and every view wrapped in ``admin_view``
    (the editor's own), opens only to staff who owe no second factor. Those
    who owe one are sent to give it (or to pair an app) and brought back.
    """

    # Django's own sign-in form: the password first, then the code on a page
    # of its own (twofactor.views.verify), so staff without an app sign in.
    login_form = None
    login_template = None

    def __init__(self, name="admin"):
        super().__init__(name)

    def has_permission(self, request):
        """django-otp's rule (staff, verified by a code) for whoever a code is
        asked of; Django's (staff) for the others."""
        if code_asked_of(request.user):
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def admin_view(self, view, cacheable=False):
        gate = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            if owes_second_factor(request.user):
                return second_factor_redirect(request)
            return gate(request, *args, **kwargs)

        return update_wrapper(inner, gate)

    def login(self, request, extra_context=None):
        if request.method == "GET" and owes_second_factor(request.user):
            return second_factor_redirect(request)
        return super().login(request, extra_context)

    def get_urls(self):
        # Signing out asks for no code: whoever cannot give one may leave.
        urls = [
            url for url in super().get_urls() if getattr(url, "name", "") != "logout"
        ]
        return [path("logout/", self.logout, name="logout"), *urls]
