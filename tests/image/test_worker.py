"""The task worker, the same image with its own command, sends the site's mail."""

from email.header import decode_header, make_header

from tests.image.conftest import read_only, start_worker
from tests.servers import Reader, smtp_server, wait_until


def test_a_held_comment_is_mailed_to_the_moderator_by_the_worker_container(
    site, article, containers, site_env
):
    _, base = site
    path, title = article
    containers.run(
        *read_only(),
        env={**site_env, "DJANGO_SUPERUSER_PASSWORD": "a long owner password"},
        command=[
            "python", "manage.py", "createsuperuser", "--noinput",
            "--username", "owner", "--email", "owner@example.org",
        ],
        detach=False,
    )  # fmt: skip
    with smtp_server() as (inbox, port):
        start_worker(containers, {**site_env, "EMAIL_URL": f"smtp://127.0.0.1:{port}"})

        Reader(base).post_comment(
            path, name="Ada", email="ada@example.net", body="Held for a look."
        )
        wait_until(lambda: inbox.messages, timeout=60, what="the moderator's mail")

    [message] = inbox.messages
    assert message["To"] == "owner@example.org"
    assert str(make_header(decode_header(message["Subject"]))) == (
        f"Comment awaiting moderation on “{title}”"
    )
    assert "Held for a look." in message.get_payload()
