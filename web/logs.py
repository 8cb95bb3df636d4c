"""Log lines as JSON objects, each carrying the id of its request.

Every line on stdout is one JSON object with time, level, logger, message and
request_id (null outside a request), plus the traceback of an exception. The
one line per request that ``RequestLogMiddleware`` writes (logger ``access``)
adds method, path, status and duration_ms. Only these fields are written,
never a record's other attributes: Django attaches the request itself to its
records, and the request's repr carries the query string (searches, emails
in admin filters). Client addresses are never logged, and neither are the
tokens and keys of mailed links: a path's segments that its route captures
as ``<secret:…>`` (web/converters.py) are logged as the route names them,
``/comments/confirm/<token>/``, in these lines and in Django's own.

The request id is the one a proxy in front sent in X-Request-ID when it is a
plain token, or a new one; it goes back on the response, so a reader's
report, the proxy's log and these lines can be matched.
"""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest
from django.urls import Resolver404, resolve

from database.outage import UNAVAILABLE
from web.converters import Secret

request_id = ContextVar("request_id", default=None)
# Enough for a UUID, a ULID or a proxy's own ids; nothing that could pass
# for another field or line, or carry an address.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
ACCESS_FIELDS = ("method", "path", "status", "duration_ms")

access_log = logging.getLogger("access")

# The formatter and handler of every process, in logging's dictConfig form:
# Django's LOGGING (config/settings.py) and gunicorn's logconfig_dict.
FORMATTERS = {"json": {"()": "web.logs.JsonFormatter"}}
STDOUT = {
    "class": "logging.StreamHandler",
    "stream": "ext://sys.stdout",
    "formatter": "json",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per record, from a fixed list of fields."""

    def format(self, record):
        created = datetime.fromtimestamp(record.created, UTC)
        line = {
            "time": created.isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _masked(record.getMessage(), record),
            "request_id": request_id.get(),
        }
        for field in ACCESS_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, UNAVAILABLE):
            # While the database is away every request fails alike: the
            # reason on one line, not a traceback a request.
            line["error"] = str(error).partition("\n")[0] or type(error).__name__
        elif record.exc_info:
            line["exception"] = _masked(self.formatException(record.exc_info), record)
        return json.dumps(line, default=str)


def route_secrets(request):
    """{token or key in the request's path: the name its route gives it}."""
    match = request.resolver_match  # unset when a cached page answered
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return {}
    return {
        value: f"<{name}>"
        for name, value in match.captured_kwargs.items()
        if isinstance(value, Secret)
    }


def masked(text, request):
    """``text`` with each secret of the request's route, wherever it stands
    whole (not inside a longer word), replaced by its name."""
    for secret, name in route_secrets(request).items():
        text = re.sub(rf"(?<![-\w]){re.escape(secret)}(?![-\w])", name, text)
    return text


def _masked(text, record):
    """Django's lines about a request name its path (``Not Found: /path``),
    as written or escaped, and a traceback may quote it."""
    request = getattr(record, "request", None)
    return masked(text, request) if isinstance(request, HttpRequest) else text


class RequestLogMiddleware:
    """Give each request an id, and write one line when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        sane = SANE_REQUEST_ID.fullmatch(incoming)
        request_id.set(incoming if sane else uuid.uuid4().hex)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id.get()
        path = masked(request.path, request)
        access_log.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


@receiver(request_finished)
def forget_request_id(**kwargs):
    """End the request's id once its response has been sent."""
    # Not when the middleware returns: Django logs an error response after
    # that ("Not Found: …"), and the line belongs to the request.
    request_id.set(None)
