"""Replies thread under their parent, to a limited depth; long threads page."""

import re

import pytest

from comments.models import Comment, Status
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def comment_ids_in_page(html):
    return [
        int(pk)
        for pk in re.findall(r'<article class="comment[^"]*" id="comment-(\d+)"', html)
    ]


def test_reply_links_open_a_noindexed_form_for_that_comment(client):
    comment = CommentFactory(name="Grace")

    link = f"{comment.target.get_absolute_url()}?replyto={comment.pk}#respond"
    article_html = client.get(comment.target.get_absolute_url()).content.decode()
    assert f'href="{link}"' in article_html

    html = client.get(comment.target.get_absolute_url(), {"replyto": comment.pk})
    html = html.content.decode()
    assert "Reply to Grace" in html
    assert f'name="parent" value="{comment.pk}"' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_a_reply_is_stored_under_its_parent(post_comment):
    parent = CommentFactory()

    post_comment(parent.target, parent=parent.pk, body="I agree.")

    reply = Comment.objects.get(body="I agree.")
    assert reply.parent == parent and reply.depth == 2


def test_replies_past_the_depth_limit_attach_to_the_deepest_allowed_parent(
    post_comment, settings
):
    settings.COMMENTS_MAX_DEPTH = 3
    top = CommentFactory()
    second = CommentFactory(article=top.target, parent=top)
    third = CommentFactory(article=top.target, parent=second)

    post_comment(top.target, parent=third.pk, body="Deeper still.")

    reply = Comment.objects.get(body="Deeper still.")
    assert reply.parent == second and reply.depth == 3


def test_replies_to_unapproved_or_foreign_comments_are_a_form_error(post_comment):
    pending = CommentFactory(status=Status.PENDING)
    elsewhere = CommentFactory()

    for parent in (pending, elsewhere):
        response = post_comment(pending.target, parent=parent.pk, body="Lost?")
        assert "no longer available" in response.content.decode()
    assert not Comment.objects.filter(body="Lost?").exists()


def test_threads_render_each_reply_after_its_parent(client):
    first = CommentFactory()
    article = first.target
    second = CommentFactory(article=article)
    reply_to_first = CommentFactory(article=article, parent=first)

    html = client.get(article.get_absolute_url()).content.decode()

    assert comment_ids_in_page(html) == [first.pk, reply_to_first.pk, second.pk]
    assert (
        f'<li class="depth-2"><article class="comment" id="comment-{reply_to_first.pk}"'
        in html
    )


def test_long_threads_show_the_first_page_and_link_to_the_rest(client, settings):
    settings.COMMENTS_PER_PAGE = 5
    article = ArticleFactory()
    comments = CommentFactory.create_batch(12, article=article)

    html = client.get(article.get_absolute_url()).content.decode()
    assert comment_ids_in_page(html) == [c.pk for c in comments[:5]]
    assert "12 comments" in html
    assert f'href="/articles/{article.slug}/comments/?page=2">Newer comments' in html

    page_two = client.get(f"/articles/{article.slug}/comments/", {"page": 2})
    assert comment_ids_in_page(page_two.content.decode()) == [
        c.pk for c in comments[5:10]
    ]
    assert '<meta name="robots" content="noindex, follow">' in page_two.content.decode()


def test_a_reply_whose_parent_was_removed_keeps_its_place_under_a_placeholder(
    client,
):
    removed = CommentFactory(name="Gone Person", body="Removed words.")
    article = removed.target
    reply = CommentFactory(article=article, parent=removed, body="A kept reply.")
    later = CommentFactory(article=article, body="A later comment.")
    removed.status = Status.REMOVED
    removed.save()

    html = client.get(article.get_absolute_url()).content.decode()

    assert comment_ids_in_page(html) == [removed.pk, reply.pk, later.pk]
    assert "This comment was removed." in html
    assert "Gone Person" not in html and "Removed words." not in html
    assert f'<li class="depth-2"><article class="comment" id="comment-{reply.pk}"' in (
        html
    )


def test_a_new_comment_beyond_the_first_page_leads_to_the_page_that_shows_it(
    client, post_comment, settings, prove_address
):
    settings.COMMENTS_PER_PAGE = 3
    known = CommentFactory(email="ada@example.net")  # approved: the next one is too
    prove_address(client)  # from the browser that confirmed the address
    CommentFactory.create_batch(3, article=known.target)

    response = post_comment(known.target, body="Number five.")

    comment = Comment.objects.get(body="Number five.")
    assert comment.status == Status.APPROVED
    expected = f"/articles/{known.target.slug}/comments/?page=2#comment-{comment.pk}"
    assert response["Location"] == expected
    page = client.get(expected.split("#")[0]).content.decode()
    assert comment_ids_in_page(page)[-1] == comment.pk


def test_later_comment_pages_offer_replies_and_the_form(client, settings):
    settings.COMMENTS_PER_PAGE = 2
    article = ArticleFactory()
    comments = CommentFactory.create_batch(3, article=article)

    page = client.get(f"/articles/{article.slug}/comments/", {"page": 2})

    html = page.content.decode()
    assert f"?replyto={comments[2].pk}#respond" in html
    assert 'name="body"' in html


def test_comments_at_the_depth_limit_offer_no_reply(client, settings):
    settings.COMMENTS_MAX_DEPTH = 2
    top = CommentFactory()
    deepest = CommentFactory(article=top.target, parent=top)

    html = client.get(top.target.get_absolute_url()).content.decode()

    assert f"?replyto={top.pk}#respond" in html
    assert f"?replyto={deepest.pk}#respond" not in html


def test_a_reply_address_for_a_comment_at_the_depth_limit_opens_the_plain_form(
    client, settings
):
    """An old or shared ?replyto= link must not set up a reply stored as a sibling."""
    settings.COMMENTS_MAX_DEPTH = 2
    top = CommentFactory()
    deepest = CommentFactory(article=top.target, parent=top, name="Deep Diver")

    html = client.get(top.target.get_absolute_url(), {"replyto": deepest.pk})
    html = html.content.decode()

    assert "Reply to Deep Diver" not in html
    assert f'name="parent" value="{deepest.pk}"' not in html
    assert "Leave a comment" in html


@pytest.mark.parametrize("replyto", ["²", "١", "1²", "99999999999999999999", "-1"])
def test_a_reply_address_with_no_comment_number_opens_the_plain_form(client, replyto):
    comment = CommentFactory(name="Grace")

    response = client.get(comment.target.get_absolute_url(), {"replyto": replyto})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Leave a comment" in html and "Reply to Grace" not in html


@pytest.mark.parametrize("page", ["0", "abc", "4", "-1"])
def test_bad_comment_page_numbers_answer_404(client, page):
    comment = CommentFactory()

    response = client.get(f"/articles/{comment.target.slug}/comments/", {"page": page})

    assert response.status_code == 404


def build_thread(article, count):
    """`count` approved comments in threads three deep."""
    made = []
    for n in range(count):
        parent = made[n - 1] if n % 3 else None
        made.append(CommentFactory(article=article, parent=parent))
    return made


def test_an_article_with_500_comments_runs_the_same_queries_as_with_2(
    client, django_assert_max_num_queries
):
    small, large = ArticleFactory(), ArticleFactory()
    build_thread(small, 2)
    build_thread(large, 500)
    client.get("/")  # the page cache's clock, worked out once per change

    counts = []
    for article in (small, large):
        with django_assert_max_num_queries(7) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1]


def test_article_lists_show_approved_comment_counts(client):
    article = ArticleFactory(title="Discussed")
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=Status.PENDING)

    html = client.get("/articles/").content.decode()

    assert "3 comments" in html


def test_a_comment_and_its_thread_path_are_stored_in_one_step(monkeypatch):
    parent = CommentFactory()

    def fail(*args, **kwargs):
        raise RuntimeError("the connection dropped between the two writes")

    monkeypatch.setattr("comments.models.CommentQuerySet.update", fail)
    with pytest.raises(RuntimeError):
        CommentFactory(article=parent.target, parent=parent, body="Half written.")

    assert not Comment.objects.filter(body="Half written.").exists()
