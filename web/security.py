"""Content-Security-Policy and Permissions-Policy on every response.

Public pages run no inline script or style, so they get a strict policy.
The admin runs no inline script either, but the article form's SEO report,
django-reversion-compare and Django's changelist (when it has no actions)
write inline style, so its policy allows that alone.
"""

from django.urls import reverse

PUBLIC_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
ADMIN_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# Browser features no page of the site uses, denied to it and to anything it
# might embed; browsing-topics opts readers out of interest-based advertising.
# Sign-in with passkeys (publickey-credentials-*) is left at its default.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PolicyHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(reverse("admin:index"))
        response.setdefault(
            "Content-Security-Policy", ADMIN_POLICY if admin else PUBLIC_POLICY
        )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
