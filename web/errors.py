"""The answer to an error the site could not handle: a 503 while the database
is away, so readers and balancers know to come back; a 500 otherwise."""

import sys

from django.http import HttpResponse
from django.template import loader
from django.views import defaults

from database.outage import UNAVAILABLE

# Seconds a reader or crawler is asked to wait while the database is away.
RETRY_AFTER = 30


def server_error(request):
    """handler500: runs while the exception is being handled, from any view
    or middleware (the page cache and sessions read the database too)."""
    if not isinstance(sys.exc_info()[1], UNAVAILABLE):
        return defaults.server_error(request)
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
