"""The site's own pages take library images as articles do."""

import pytest

from library.models import Image
from pages.models import Page
from tests.library.conftest import images_in, picture
from tests.pages.test_admin import ADD, page_form
from tests.servers import file_server

pytestmark = pytest.mark.django_db


def test_a_pages_outside_image_is_copied_and_shown_as_a_picture(
    editor_client, client, settings, run_worker, django_capture_on_commit_callbacks
):
    settings.OUTBOUND_ALLOW_LOOPBACK = True
    png = picture("PNG", size=(800, 600))
    with (
        file_server({"/team.png": (200, {"Content-Type": "image/png"}, png)}) as base,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = editor_client.post(
            ADD, page_form(body=f"Who we are.\n\n![The team]({base}/team.png)")
        )
    run_worker()

    assert response.status_code == 302
    image = Image.objects.get()
    assert (
        Page.objects.get(slug="colophon").body
        == f"Who we are.\n\n![The team](image:{image.pk})"
    )
    [shown] = images_in(client.get("/colophon/").content.decode())
    assert shown["alt"] == "The team"
    assert [source["type"] for source in shown["sources"]] == [
        "image/avif",
        "image/webp",
    ]
