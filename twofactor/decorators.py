"""Whose staff rights wait for a second factor, and views that ask for it.

A sign-in owes a code when its user has paired an authenticator app, or when
every staff member must (ADMIN_REQUIRE_2FA), until the code is given
(django-otp's ``user.is_verified()``). Until then the admin sends them to the
code (twofactor.sites), and the staff side of public views stays shut.
"""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_otp import user_has_device


def has_paired_device(user):
    """django-otp's ``user_has_device``, looked up once per request's user."""
    if not hasattr(user, "otp_paired"):
        user.otp_paired = user_has_device(user)
    return user.otp_paired


def code_asked_of(user):
    """Whether this user's sign-in asks for a code: they paired an app, or
    every staff member must."""
    return getattr(settings, "ADMIN_REQUIRE_2FA", False) or has_paired_device(user)


def owes_second_factor(user):
    """Whether this signed-in user must still give a code (or pair an app)."""
    return user.is_authenticated and not user.is_verified() and code_asked_of(user)


def has_verified_perm(user, perm):
    """``user.has_perm(perm)``, once the sign-in has given its second factor."""
    return user.has_perm(perm) and not owes_second_factor(user)


def second_factor_redirect(request):
    """To the code, and back here after it; or to pairing an app first."""
    if has_paired_device(request.user):
        query = urlencode({"next": request.get_full_path()})
        response = redirect(f"{reverse('twofactor:verify')}?{query}")
    else:
        response = redirect("twofactor:setup")
    add_never_cache_headers(response)
    return response


def verified_permission_required(perm):
    """A view for staff with ``perm`` whose sign-in has its second factor.

    To anyone else it answers as to a reader, who may not know it is there:
    404, never a sign-in page.
    """

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not has_verified_perm(request.user, perm):
                raise Http404
            return view(request, *args, **kwargs)

        return checked

    return decorator
