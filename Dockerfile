# syntax=docker/dockerfile:1
# Production image: gunicorn serving the site, PostgreSQL from DATABASE_URL.
# `make image` builds it (docs/containers.md). PYTHON_IMAGE is the base: the
# official image, or where that cannot be pulled an equivalent one built from
# Debian's packages (deploy/image/base.py).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements.lock /tmp/requirements.lock
# How this builder reaches the package index (its index URL, the certificate
# authority it trusts) is lent to this one step as secrets: no layer keeps it.
RUN --mount=type=secret,id=pip.conf --mount=type=secret,id=pip-ca.crt \
    PIP_CONFIG_FILE=/run/secrets/pip.conf \
    /venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock
# The site runs without pip and setuptools, and reads translations compiled
# (.mo), not their sources (.po), in English only (LANGUAGE_CODE). Of the
# AWS SDK's service descriptions it keeps those an S3 bucket for uploads
# needs (S3, and STS/SSO for credentials): the others are a quarter of the
# image.
ARG AWS_SERVICES="s3 sts sso sso-oidc"
RUN /venv/bin/pip uninstall --quiet --yes pip setuptools \
    && find /venv -name "*.po" -delete \
    && find /venv/lib/python3.11/site-packages/django -name "*.mo" \
        -not -path "*/locale/en/*" -not -path "*/locale/en_GB/*" -delete \
    && cd /venv/lib/python3.11/site-packages/botocore/data \
    && for service in */; do \
        case " $AWS_SERVICES " in *" ${service%/} "*) ;; *) rm -r "$service" ;; esac; \
    done
# Compiled extensions carry symbol tables that only a debugger reads (a fifth
# of cryptography's, three quarters of Pillow's): binutils' strip, in this
# stage only, drops them.
RUN apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        binutils >/dev/null \
    && find /venv -name "*.so*" -type f -exec strip --strip-unneeded {} +

FROM ${PYTHON_IMAGE}
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    GUNICORN_BIND=0.0.0.0:8000 \
    WORDPRESS_UPLOAD_DIR=/app/wordpress-imports
RUN groupadd --system --gid 10001 site \
    && useradd --system --uid 10001 --gid site --no-create-home \
    --home-dir /app --shell /usr/sbin/nologin site
COPY --from=build /venv /venv
WORKDIR /app
# The code stays root's: the site's user writes to its two volumes only.
COPY . .
# Static files are collected (hashed names, gzip copies) and the code compiled
# at build time, since the root file system is read-only when the site runs;
# the dummy values never reach runtime.
RUN DJANGO_SECRET_KEY=collectstatic-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q /app \
    && mkdir /app/media /app/wordpress-imports \
    && chown site:site /app/media /app/wordpress-imports
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ['GUNICORN_BIND'].rpartition(':')[2]; urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4)"]
# The release step (python deploy/release.py) runs once per deploy, never in CMD.
CMD ["gunicorn", "--config", "config/gunicorn.conf.py"]
