"""During a spam wave editors ask commenters' browsers for proof of work."""

import base64
import hashlib
import json
import time

import pytest
import time_machine

from comments.models import Comment, CommentSettings
from comments.proof_of_work import LIFETIME
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spam_wave(settings):
    settings.COMMENTS_POW_MAX_NUMBER = 2_000  # quick to solve in a test
    CommentSettings.objects.update_or_create(pk=1, defaults={"proof_of_work": True})


def puzzle(client):
    response = client.get("/comments/challenge/")
    assert response.status_code == 200
    return response.json()


def solve(puzzle, **changes):
    """What the browser's solver sends: the number that makes the hash."""
    number = next(
        n
        for n in range(puzzle["maxnumber"] + 1)
        if hashlib.sha256(f"{puzzle['salt']}{n}".encode()).hexdigest()
        == puzzle["challenge"]
    )
    fields = ("algorithm", "challenge", "salt", "signature")
    solution = {"number": number, **{field: puzzle[field] for field in fields}}
    return base64.b64encode(json.dumps(solution | changes).encode()).decode()


def test_without_a_spam_wave_there_is_no_puzzle_and_comments_need_none(
    client, post_comment
):
    response = client.get("/comments/challenge/")

    assert response.status_code == 204
    assert post_comment(ArticleFactory()).status_code == 302


def test_a_puzzle_is_fresh_for_every_form_and_never_cached(client, spam_wave):
    first, second = (
        client.get("/comments/challenge/"),
        client.get("/comments/challenge/"),
    )

    assert first.json()["challenge"] != second.json()["challenge"]
    assert "no-store" in first["Cache-Control"]
    assert first.json()["maxnumber"] == 2_000


def test_a_solved_puzzle_lets_a_comment_through_once(client, post_comment, spam_wave):
    article = ArticleFactory()
    solution = solve(puzzle(client))

    taken = post_comment(article, proof=solution, body="Solved it.")
    replayed = post_comment(article, proof=solution, body="Solved it again.")

    assert taken.status_code == 302
    assert replayed.status_code == 200
    assert "Spam protection is on" in replayed.content.decode()
    assert list(Comment.objects.values_list("body", flat=True)) == ["Solved it."]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda puzzle: "",  # no JavaScript
        lambda puzzle: "not base64 at all",
        lambda puzzle: base64.b64encode(b"[1, 2]").decode(),
        lambda puzzle: solve(puzzle, number=-1),
        lambda puzzle: solve(puzzle, signature="0" * 64),
        lambda puzzle: solve(puzzle, algorithm="SHA-1"),
        lambda puzzle: solve(puzzle, salt=puzzle["salt"] + "0"),
    ],
)
def test_a_missing_or_forged_solution_gets_a_form_error_and_stores_nothing(
    client, post_comment, spam_wave, tamper
):
    response = post_comment(ArticleFactory(), proof=tamper(puzzle(client)))

    assert response.status_code == 200
    assert "Spam protection is on" in response.content.decode()
    assert not Comment.objects.exists()


def test_an_expired_puzzle_is_refused(client, post_comment, spam_wave):
    solution = solve(puzzle(client))

    with time_machine.travel(time.time() + LIFETIME + 60, tick=False):
        response = post_comment(ArticleFactory(), proof=solution)

    assert response.status_code == 200 and not Comment.objects.exists()


def test_a_typo_in_the_form_does_not_use_up_the_puzzle(client, post_comment, spam_wave):
    article = ArticleFactory()
    solution = solve(puzzle(client))

    with_typo = post_comment(article, proof=solution, email="ada@")
    corrected = post_comment(article, proof=solution)

    assert with_typo.status_code == 200
    assert "Spam protection is on" not in with_typo.content.decode()
    assert corrected.status_code == 302 and Comment.objects.count() == 1


def test_editors_switch_it_from_the_admin(editor_client):
    settings_page = editor_client.get("/admin/comments/commentsettings/", follow=True)
    assert "Ask for proof of work" in settings_page.content.decode()

    editor_client.post(
        "/admin/comments/commentsettings/1/change/", {"proof_of_work": "on"}
    )

    assert CommentSettings.current().proof_of_work
    assert editor_client.get("/comments/challenge/").status_code == 200
