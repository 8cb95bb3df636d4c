"""Every kind of response carries the security headers, over HTTP and HTTPS.

The HTTPS case takes the settings config/settings.py makes of DJANGO_HTTPS=on
and sends X-Forwarded-Proto as the TLS-terminating proxy does.
"""

import importlib.util
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.urls import reverse

import config.settings
from articles.views import HomeView
from tests.factories import ArticleFactory, SeriesFactory, TopicFactory

pytestmark = pytest.mark.django_db

PROXY_SAYS_HTTPS = {"X-Forwarded-Proto": "https"}


def settings_made_of(monkeypatch, **environ):
    """The SECURE_*, SESSION_* and CSRF_* settings made of this environment."""
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "settings_under_test", config.settings.__file__
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {
        name: getattr(module, name)
        for name in dir(module)
        if name.startswith(("SECURE_", "SESSION_", "CSRF_"))
    }


@pytest.fixture(params=[False, True], ids=["http", "https"])
def https(request, settings, monkeypatch):
    if request.param:
        for name, value in settings_made_of(monkeypatch, DJANGO_HTTPS="on").items():
            setattr(settings, name, value)
    return request.param


@pytest.fixture
def site(https, request, settings, monkeypatch):
    headers = PROXY_SAYS_HTTPS if https else {}
    article = ArticleFactory(
        slug="headers", series=SeriesFactory(slug="s"), topics=[TopicFactory(slug="t")]
    )

    def staff():
        """An editor's browser, signed in (made only when asked for: hashing)."""
        browser = Client(headers=headers)
        browser.force_login(request.getfixturevalue("editor"))
        return browser

    return SimpleNamespace(
        article=article,
        visitor=Client(headers=headers, raise_request_exception=False),
        staff=staff,
        forms_with_tokens=Client(headers=headers, enforce_csrf_checks=True),
        stylesheet=staticfiles_storage.url("css/site.css"),
        settings=settings,
        monkeypatch=monkeypatch,
        tmp_path=request.getfixturevalue("tmp_path"),
    )


def get(path, **extra):
    return lambda site: site.visitor.get(path, **extra)


def article_change_form(site):
    url = reverse("admin:articles_article_change", args=[site.article.pk])
    return site.staff().get(url)


def library_image(site):
    from library.uploads import add_to_library
    from tests.library.conftest import picture

    site.settings.MEDIA_ROOT = site.tmp_path
    image = add_to_library(picture("PNG"), name="square.png", alt_text="A square")
    return site.visitor.get(image.url)


def from_page_cache(site):
    site.settings.PAGE_CACHE = True
    site.visitor.get("/")
    response = site.visitor.get("/")
    assert response["X-Page-Cache"] == "hit"
    return response


def server_error(site):
    def broken(self, **kwargs):
        raise RuntimeError("a bug")

    site.monkeypatch.setattr(HomeView, "get_context_data", broken)
    return site.visitor.get("/")


def cross_site_comment(site):
    return site.visitor.post(
        "/articles/headers/comments/", {}, headers={"Sec-Fetch-Site": "cross-site"}
    )


def sign_in_without_the_forms_token(site):
    return site.forms_with_tokens.post(reverse("admin:login"))


# What is asked for, and the status that shows it is that kind of response.
REQUESTS = {
    "home": (200, get("/")),
    "home from the page cache": (200, from_page_cache),
    "article": (200, get("/articles/headers/")),
    "article as Markdown": (200, get("/articles/headers.md")),
    "comment page": (200, get("/articles/headers/comments/")),
    "topic": (200, get("/topics/t/")),
    "series": (200, get("/series/s/")),
    "page": (200, get("/privacy/")),
    "search": (200, get("/search/?q=words")),
    "paginated list": (200, get("/articles/?page=1")),
    "RSS feed": (200, get("/feeds/rss/")),
    "Atom feed": (200, get("/topics/t/atom/")),
    "sitemap index": (200, get("/sitemap.xml")),
    "sitemap section": (200, get("/sitemap-articles.xml")),
    "robots.txt": (200, get("/robots.txt")),
    "llms.txt": (200, get("/llms.txt")),
    "health probe": (200, get("/healthz")),
    "static file": (200, lambda site: site.visitor.get(site.stylesheet)),
    "library image": (200, library_image),
    "not found": (404, get("/no-such-page/")),
    "method not allowed": (405, lambda site: site.visitor.post("/robots.txt")),
    "unknown host": (400, get("/", headers={"Host": "attacker.example"})),
    "cross-site form": (403, cross_site_comment),
    "server error": (500, server_error),
    "admin sign-in": (200, lambda site: site.visitor.get(reverse("admin:login"))),
    "admin sign-in without its token": (403, sign_in_without_the_forms_token),
    "admin index": (200, lambda site: site.staff().get(reverse("admin:index"))),
    "admin change form": (200, article_change_form),
    "admin media library": (
        200,
        lambda site: site.staff().get(reverse("admin:library_image_changelist")),
    ),
}


def directives(policy):
    """{'script-src': ["'self'"], ...} from a Content-Security-Policy."""
    name_and_values = (directive.split() for directive in policy.split(";"))
    return {name: values for name, *values in name_and_values}


@pytest.mark.parametrize("name", REQUESTS)
def test_every_kind_of_response_carries_the_security_headers(site, https, name):
    status, fetch = REQUESTS[name]

    response = fetch(site)

    assert response.status_code == status
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "browsing-topics"):
        assert f"{feature}=()" in permissions
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    if not name.startswith("admin"):
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    if https:
        assert response["Strict-Transport-Security"] == "max-age=31536000"
    else:
        assert "Strict-Transport-Security" not in response


def test_health_probes_over_plain_http_are_answered_when_https_is_on(https):
    probe = Client().get("/healthz")

    assert probe.status_code == 200
    assert probe.content == b"ok\n"


def test_signing_in_sets_cookies_scripts_cannot_read_and_other_sites_cannot_plant(
    site, https, editor
):
    browser = site.visitor
    browser.get(reverse("admin:login"))
    response = browser.post(
        reverse("admin:login"),
        {"username": editor.username, "password": "a long pass phrase"},
    )

    assert response.status_code == 302
    prefix = "__Host-" if https else ""
    assert set(response.cookies) == {f"{prefix}sessionid", f"{prefix}csrftoken"}
    for cookie in response.cookies.values():
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert bool(cookie["secure"]) is https
        assert (cookie["path"], cookie["domain"]) == ("/", "")
    session = response.cookies[f"{prefix}sessionid"]
    assert (session["max-age"], session["expires"]) == ("", "")  # browser close


def test_a_commenters_cookies_are_httponly_lax_and_secure_over_https(
    site, https, post_comment
):
    response = post_comment(site.article, using=site.visitor, remember="on")

    assert set(response.cookies) == {"comment_author", "own_comments"}
    for cookie in response.cookies.values():
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert bool(cookie["secure"]) is https
