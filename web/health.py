"""The /healthz probe used by load balancers and the Dockerfile's HEALTHCHECK."""

from django.db import DatabaseError, connection
from django.http import HttpResponse

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answer /healthz before host checks, sessions and the rest of the site.

    Probes come from inside the container or the load balancer, whose Host
    header is rarely in ALLOWED_HOSTS, so the answer must not depend on it.
    It sits below the middleware that adds security headers, which never
    look at the host; they exempt it from the HTTPS redirect (settings).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return _plain_response("database unavailable\n", status=503)
        return _plain_response("ok\n", status=200)


def _plain_response(text, *, status):
    response = HttpResponse(text, status=status, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response
