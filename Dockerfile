# syntax=docker/dockerfile:1
# Production image: gunicorn serving the site, PostgreSQL from DATABASE_URL.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements.lock /tmp/requirements.lock
RUN /venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    GUNICORN_BIND=0.0.0.0:8000
RUN useradd --system --create-home --uid 10001 site
COPY --from=build /venv /venv
WORKDIR /app
COPY --chown=site:site . .
# Static files are collected at build time; the dummy values never reach runtime.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput
RUN mkdir -p /app/media && chown site:site /app/media
USER site
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
# Migrations run as a separate release step (see README), never in CMD.
CMD ["gunicorn", "--config", "config/gunicorn.conf.py"]
