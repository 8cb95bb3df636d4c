"""The old site's files: brought into the library while it answers, listed
with a placeholder when it does not (issue item 4)."""

import pytest

from articles.models import Article
from library.models import Image
from tests.admin_forms import change_form_data
from tests.library.conftest import images_in, picture
from tests.servers import file_server, free_port
from tests.wordpress.conftest import FIXTURES

pytestmark = pytest.mark.django_db
EXPORT = FIXTURES / "wordpress-com-2025.xml"
BLOG = "https://quietharbour.wordpress.com"
FILES = ("cradle.jpg", "tiller-bare.jpg", "tiller-done.jpg", "bowline.jpg",
         "clove-hitch.jpg")  # fmt: skip


class Asked(dict):
    """The files of an old site, noting each address asked for."""

    def __init__(self, *args):
        super().__init__(*args)
        self.asked = []

    def get(self, key, default=None):
        self.asked.append(key)
        return super().get(key, default)


def moved_to(tmp_path, base):
    """The export, its blog moved to ``base`` (a loopback server)."""
    path = tmp_path / "export.xml"
    path.write_text(EXPORT.read_text(encoding="utf-8").replace(BLOG, base))
    return path


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def old_site():
    files = {
        f"/wp-content/uploads/2025/01/{name}": (200, {}, picture(size=(80, 60)))
        for name in FILES
    }
    files["/wp-content/uploads/2025/01/halyards.mp3"] = (200, {}, b"ID3 halyards")
    return Asked(files)


def test_while_the_old_site_answers_its_files_come_over_by_default(
    client, import_wordpress, tmp_path, loopback_allowed, media_root
):
    files = old_site()
    with file_server(files) as base:
        out = import_wordpress(moved_to(tmp_path, base), media=True)

    assert Image.objects.count() == 5
    assert "Media library images: 5 added, 0 already there." in out
    assert "Images and files not brought over" not in out
    cradle = Image.objects.get(original_name="cradle.jpg")
    hauling = Article.objects.get(slug="hauling-out-for-winter")
    assert (hauling.share_image, cradle.alt_text) == (
        cradle, "A wooden sloop on a steel cradle, hull freshly scraped",
    )  # fmt: skip
    page = client.get("/articles/listening-to-the-yard/").text
    assert (
        '<audio controls="" preload="none" '
        'src="/media/wordpress/2025/01/halyards.mp3"></audio>' in page
    )
    assert client.get("/media/wordpress/2025/01/halyards.mp3").status_code == 200
    varnish = client.get("/articles/varnish-eight-coats/").text
    assert [i["alt"] for i in images_in(varnish)] == [
        "The tiller sanded back to bare ash",
        "The tiller after the eighth coat, glossy",
    ]


def test_an_old_site_that_does_not_answer_is_tried_once_and_each_file_listed(
    client, import_wordpress, tmp_path, loopback_allowed, media_root, settings
):
    settings.MEDIA_FETCH_TIMEOUT = 1
    slow = Asked({path: (*answer, 3) for path, answer in old_site().items()})
    with file_server(slow) as base:
        out = import_wordpress(moved_to(tmp_path, base), media=True)

    assert len(slow.asked) == 1
    assert not Image.objects.exists()
    for post in (
        "“Hauling out for winter” (1): 2025/01/cradle.jpg",
        "“Varnish, eight coats” (2): 2025/01/tiller-bare.jpg, 2025/01/tiller-done.jpg",
        "“Listening to the yard” (1): 2025/01/halyards.mp3",
        "“Rope knots, a first list” (2): 2025/01/bowline.jpg, 2025/01/clove-hitch.jpg",
    ):
        assert (
            f"{post}: not fetched from the old site: it took too long to answer" in out
        )
    page = client.get("/articles/rope-knots-a-first-list/").text
    assert (
        f'<span class="image-elsewhere">Image: <a href="{base}/wp-content/uploads/'
        '2025/01/clove-hitch.jpg" rel="noopener">A clove hitch around a bollard</a>'
        in page
    )


def test_an_imported_live_article_saves_while_its_old_images_are_missing(
    editor_client, import_wordpress, tmp_path, loopback_allowed
):
    gone = f"http://127.0.0.1:{free_port()}"
    import_wordpress(moved_to(tmp_path, gone))
    article = Article.objects.get(slug="hauling-out-for-winter")
    url = f"/admin/articles/article/{article.pk}/change/"
    data = change_form_data(editor_client.get(url))

    response = editor_client.post(
        url, {**data, "body": data["body"].replace("one tide", "a tide")}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert "a tide at a time" in article.body
    messages = [str(m) for m in response.wsgi_request._messages]
    still_there = [m for m in messages if "is still on the other site" in m]
    assert len(still_there) == 1
    assert f"{gone}/wp-content/uploads/2025/01/cradle.jpg?w=1024" in still_there[0]
    assert not [m for m in messages if m.startswith("Not published yet")]


def test_undo_removes_the_images_and_files_a_run_brought_unless_used_here(
    import_wordpress, tmp_path, loopback_allowed, media_root
):
    from io import StringIO

    from django.core.files.storage import default_storage
    from django.core.management import call_command

    from tests.factories import ArticleFactory
    from wordpress.models import ImportRun

    with file_server(old_site()) as base:
        import_wordpress(moved_to(tmp_path, base), media=True)
    cradle = Image.objects.get(original_name="cradle.jpg")
    ArticleFactory(slug="ours", body=f"![A sloop](image:{cradle.pk})")

    out = StringIO()
    call_command(
        "import_wordpress", "--undo", str(ImportRun.objects.get().pk), stdout=out
    )

    assert list(Image.objects.values_list("original_name", flat=True)) == ["cradle.jpg"]
    assert ": something of this site uses it" in out.getvalue()
    assert not default_storage.exists("wordpress/2025/01/halyards.mp3")
