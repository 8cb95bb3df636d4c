"""WSGI entry point, served by gunicorn (see config/gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

from web.checks import refuse_to_serve_on_errors

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
refuse_to_serve_on_errors()
