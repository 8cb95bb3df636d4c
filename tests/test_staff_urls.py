"""Every staff view, wherever it lives, waits for a paired member's code.

The test walks every URL pattern of the site, fills its arguments with real
objects (a draft article, a draft page, the admin's own rows) and asks it as
a reader, as a paired superuser who has given only the password, and as the
same superuser once the code is given. Wherever a reader is refused, the
password alone is refused too; the staff-only ones (refused to a reader,
open once verified) are found by the walk, not listed by hand.
"""

import inspect
from urllib.parse import urlsplit

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Article
from publishing.models import Status
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PageFactory,
    SeriesFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The page that takes the code answers a password-only sign-in: it is how
# one stops being one.
TAKES_THE_CODE = "twofactor:verify"
# Found by the walk; listed so that it cannot pass by walking nothing.
SURELY_STAFF_ONLY = {
    "admin:index",
    "admin:articles_article_change",
    "admin:articles_article_revision",
    "admin:comments_comment_changelist",
    "admin:library_image_choose",
    "admin:library_image_upload",
    "admin:wordpress_importrun_add",
    "admin:otp_totp_totpdevice_config",
    "editing:preview",
    "editing:save_draft",
    "editing:presence",
    "articles:preview",
    "pages:detail",
    "twofactor:setup",
}


def leaf_patterns(patterns, parents=()):
    """(chain of patterns from the root, namespaced name) of every view."""
    for pattern in patterns:
        chain = (*parents, pattern)
        if isinstance(pattern, URLResolver):
            yield from leaf_patterns(pattern.url_patterns, chain)
        else:
            spaces = [p.namespace for p in parents if p.namespace]
            yield chain, ":".join([*spaces, pattern.name or str(pattern.pattern)])


@pytest.fixture
def site():
    """A paired superuser, and one of each thing the views take."""
    boss = UserFactory(is_staff=True, is_superuser=True)
    device = TOTPDevice.objects.create(user=boss, name="Phone", confirmed=True)
    topic, series = TopicFactory(), SeriesFactory()
    with reversion.create_revision():
        published = ArticleFactory(topics=[topic], series=series, series_position=1)
        draft = ArticleFactory(status=Status.DRAFT, published_at=None)
        draft_page = PageFactory(status=Status.DRAFT)
    return {
        "boss": boss,
        "device": device,
        "published": published,
        "draft": draft,
        "draft_page": draft_page,
        "comment": CommentFactory(article=published),
        "slugs": {
            "articles": published.slug,
            "series": series.slug,
            "topics": topic.slug,
            "authors": published.author.slug,
            "": None,  # a page's own address: the draft page
        },
    }


def admin_model(callback):
    """The model whose ModelAdmin serves this view, if one does."""
    owner = getattr(inspect.unwrap(callback), "__self__", None)
    return getattr(owner, "model", None)


def argument(name, *, route, model, site):
    """A real value for the argument ``name`` of a view at ``route``."""
    if model is not None and name in ("object_id", "pk", "id", "_0"):
        # Without a row of its own the admin says so, once past the gate.
        row = model.objects.order_by("pk").first()
        return str(row.pk if row else 0)
    if name == "_1":  # a version of that first row
        versions = reversion.models.Version.objects.get_for_model(model)
        return str(versions.order_by("pk").first().pk)
    if name == "slug":
        prefix = route.split("/")[0]
        return site["slugs"].get(prefix) or site["draft_page"].slug
    draft, published = site["draft"], site["published"]
    return {
        "entry_id": draft.entry_id,
        "pk": draft.pk,
        "content_type_id": ContentType.objects.get_for_model(Article).pk,
        "object_id": published.pk,
        "year": f"{published.published_at:%Y}",
        "month": f"{published.published_at:%m}",
        "app_label": "articles",
        "section": "articles",
        "name": f"{'0' * 20}.png",
        "digest": "0f",
        "url": "no-such-page/",
        "address": draft.get_absolute_url().lstrip("/"),  # a draft's comments
        "path": site["draft_page"].path,  # a draft page, by its place in the tree
    }.get(name, "no-such-thing")


def url_of(chain, site):
    """The address of the last pattern of ``chain``, with real arguments."""
    route = "".join(str(pattern.pattern) for pattern in chain)
    model = admin_model(chain[-1].callback)
    path = ""
    for pattern in chain:
        template, names = normalize(pattern.pattern.regex.pattern)[0]
        values = {n: argument(n, route=route, model=model, site=site) for n in names}
        path += template % values
    return f"/{path}"


def signed_in(site, *, verified):
    client = Client()
    client.force_login(site["boss"])
    if verified:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = site["device"].persistent_id
        session.save()
    return client


def refused(response):
    """Not found, forbidden, or sent to sign in or to give the code."""
    if response.status_code in (403, 404):
        return True
    gates = ("admin:login", "twofactor:verify", "twofactor:setup")
    location = urlsplit(response.get("Location", "")).path
    return response.status_code == 302 and location in {reverse(g) for g in gates}


def answers(url, site):
    """A reader's, a password-only sign-in's and a verified one's answers;
    by POST where the verified one's GET is not allowed."""
    clients = (
        Client(),
        signed_in(site, verified=False),
        signed_in(site, verified=True),
    )
    method = "get"
    if clients[2].get(url).status_code == 405:
        method = "post"
    return [getattr(client, method)(url) for client in clients]


def test_every_staff_view_refuses_a_paired_superuser_without_the_code(site):
    staff_only, leaks = set(), []
    for chain, name in leaf_patterns(get_resolver().url_patterns):
        url = url_of(chain, site)
        assert resolve(url).func == chain[-1].callback, (name, url)
        reader, password_only, verified = answers(url, site)
        if name == TAKES_THE_CODE or not refused(reader):
            continue
        if not refused(verified):
            staff_only.add(name)
        if not refused(password_only):
            leaks.append((name, url, password_only.status_code))

    assert leaks == []
    assert staff_only >= SURELY_STAFF_ONLY, SURELY_STAFF_ONLY - staff_only


def test_the_code_page_is_what_a_password_only_sign_in_reaches(site):
    response = signed_in(site, verified=False).get(reverse(TAKES_THE_CODE))

    assert response.status_code == 200
    assert "Enter the code from your authenticator app" in response.content.decode()
