"""What the privacy notice says of request logs and staff sign-ins."""

from django.conf import settings

from web.logs import ACCESS_FIELDS


def facts():
    return {
        "logged_fields": ACCESS_FIELDS,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "lockout_attempts": settings.AXES_FAILURE_LIMIT,
        "lockout_hours": settings.AXES_COOLOFF_TIME,
    }
