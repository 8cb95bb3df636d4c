"""What a request meets while the database is away (stopped, unreachable,
restarting): a 503 page (web/errors.py) and one log line (web/logs.py)."""

from django.db import InterfaceError, OperationalError

UNAVAILABLE = (OperationalError, InterfaceError)
