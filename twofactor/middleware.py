from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device


class SecondFactorMiddleware:
    """Staff who signed in with their password finish with a code before the
    admin opens: always once they have an authenticator, and everyone while
    ADMIN_REQUIRE_2FA is on (those without one set it up first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(reverse("admin:index"))
            and user.is_authenticated
            and not user.is_verified()
            # Its own pages, and signing out, stay open.
            and not request.path.startswith(reverse("twofactor:setup"))
            and request.path != reverse("admin:logout")
        ):
            if user_has_device(user):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('twofactor:verify')}?{query}")
            if settings.ADMIN_REQUIRE_2FA:
                return redirect("twofactor:setup")
        return self.get_response(request)
