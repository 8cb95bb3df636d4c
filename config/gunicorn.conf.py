"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

from web.logs import FORMATTERS, STDOUT

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: each gives a request its whole attention, from its first byte
# to the last of its answer, so a client that sends or reads slowly holds one.
# Outside a developer's machine gunicorn listens behind nginx
# (deploy/nginx/start.sh), which takes requests and answers whole.
workers = int(
    os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 9))
)
wsgi_app = "config.wsgi:application"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# gunicorn's control socket (for gunicornc) defaults to one path per user,
# $XDG_RUNTIME_DIR or ~/.gunicorn/gunicorn.ctl: every site the user runs would
# take it over from the last one started, and remove it when it stops. What
# runs the site (make run, a container engine, systemd) uses signals instead.
control_socket_disable = True
# gunicorn's own lines are JSON on stdout like the site's (web/logs.py).
# The site writes the one line per request, with its request id and no client
# address or query string, so gunicorn's access log stays off.
accesslog = None
logconfig_dict = {
    "formatters": FORMATTERS,
    "handlers": {"stdout": STDOUT},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"handlers": [], "propagate": False},
    },
}
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No header a proxy passes on moves the site (SCRIPT_NAME, PATH_INFO) or says
# it was reached by HTTPS (X-Forwarded-Proto and the like): a reader could
# send them through, and shared pages would link or name the scheme wrongly.
# Django alone reads X-Forwarded-Proto, when DJANGO_HTTPS says a proxy sets it.
forwarder_headers = ""
secure_scheme_headers = {}
# Request limits, gunicorn's own and kept on purpose: the longest address the
# site makes (a 200-character search, percent-encoded) fits a 4 kB request line;
# browsers send some 20 headers, and the largest, Cookie, stays well under 8 kB.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
