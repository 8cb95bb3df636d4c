"""Search ranks published articles with PostgreSQL full-text search."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.spelling import refresh_vocabulary
from publishing.models import Status
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def search_after_counting(client, query):
    """Search once the worker has counted the published articles' words."""
    refresh_vocabulary.call()
    return client.get("/search/", {"q": query})


def result_titles(response):
    return [article.title for article in response.context["page_obj"]]


def test_a_title_match_ranks_above_a_body_only_match(client):
    ArticleFactory(title="Notes on servers", body="All about caching and more caching.")
    ArticleFactory(title="Caching, explained", body="A short text.")

    response = client.get("/search/", {"q": "caching"})

    assert result_titles(response) == ["Caching, explained", "Notes on servers"]


def test_a_summary_match_ranks_above_a_body_only_match(client):
    ArticleFactory(title="One", summary="Plain words.", body="Indexes everywhere.")
    ArticleFactory(title="Two", summary="All about indexes.", body="Plain words.")

    assert result_titles(client.get("/search/", {"q": "index"})) == ["Two", "One"]


def test_results_show_highlighted_snippets_escaped_safely(client):
    ArticleFactory(body="Use a <b>connection</b> pool to keep connections open.")

    html = client.get("/search/", {"q": "pool"}).content.decode()

    assert "<mark>pool</mark>" in html
    assert "<b>connection</b>" not in html


def test_web_search_syntax_excludes_words_and_matches_phrases(client):
    ArticleFactory(title="Redis caching", body="cache in redis")
    ArticleFactory(title="HTTP caching", body="cache headers")

    assert result_titles(client.get("/search/", {"q": "caching -redis"})) == [
        "HTTP caching"
    ]
    assert result_titles(client.get("/search/", {"q": '"cache headers"'})) == [
        "HTTP caching"
    ]


def test_drafts_scheduled_and_expired_articles_are_never_found(client):
    ArticleFactory(title="Draft about kernels", status=Status.DRAFT)
    ArticleFactory(
        title="Scheduled kernels", published_at=timezone.now() + timedelta(hours=1)
    )
    ArticleFactory(
        title="Expired kernels",
        published_at=timezone.now() - timedelta(days=3),
        unpublish_at=timezone.now() - timedelta(days=1),
    )

    assert result_titles(client.get("/search/", {"q": "kernels"})) == []


def test_the_search_vector_follows_edits(client):
    article = ArticleFactory(title="Before")
    article.title = "Afterwards"
    article.save()

    assert result_titles(client.get("/search/", {"q": "afterwards"})) == ["Afterwards"]


@pytest.mark.parametrize(
    "query", ["!!! ??? ...", "&|!():*", "x" * 2000, "nothing " * 400, "'\";--"]
)
def test_odd_queries_answer_200_with_no_results(client, query):
    ArticleFactory(title="Something")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "No articles match" in response.content.decode()


def test_an_empty_query_shows_help_and_no_results(client):
    response = client.get("/search/")

    assert response.status_code == 200
    assert "Use quotes for a phrase" in response.content.decode()


def test_search_pages_are_not_indexed(client):
    html = client.get("/search/", {"q": "anything"}).content.decode()

    assert '<meta name="robots" content="noindex, follow">' in html


@pytest.mark.parametrize("query", ["a\x00b", "\x00"])
def test_a_query_with_a_nul_character_is_refused_with_a_message(client, query):
    ArticleFactory(title="Connection pools")

    response = client.get("/search/", {"q": query})

    assert response.status_code == 400
    assert "That search could not be read" in response.content.decode()


def test_a_misspelled_word_finds_the_article_and_suggests_the_spelling(client):
    topic = TopicFactory(name="Storage")
    ArticleFactory(title="Choosing a database", topics=[topic])
    ArticleFactory(title="Caching, explained")

    response = search_after_counting(client, "databse")
    html = response.content.decode()

    assert result_titles(response) == []
    assert [a.title for a in response.context["close_matches"]] == [
        "Choosing a database"
    ]
    assert response.context["suggestion"] == "database"
    assert '<a href="/search/?q=database">database</a>' in html


def test_a_misspelled_topic_finds_its_articles(client):
    ArticleFactory(title="Plain title", topics=[TopicFactory(name="Kubernetes")])
    ArticleFactory(title="Other title")

    response = search_after_counting(client, "kubernets")

    assert [a.title for a in response.context["close_matches"]] == ["Plain title"]
    assert response.context["suggestion"] == "kubernetes"


def test_only_the_unknown_words_of_a_query_are_corrected(client):
    ArticleFactory(title="Tuning the database", body="About connection pools.")

    response = search_after_counting(client, "Connection databse")

    assert response.context["suggestion"] == "Connection database"


def test_a_query_full_text_answers_gets_no_suggestion_or_close_matches(client):
    ArticleFactory(title="Database basics")
    ArticleFactory(title="Databases at scale")

    response = search_after_counting(client, "database")

    assert sorted(result_titles(response)) == ["Database basics", "Databases at scale"]
    assert response.context["suggestion"] is None
    assert not response.context["close_matches"]


def test_unpublished_articles_are_never_close_matches_or_suggested(client):
    ArticleFactory(title="Choosing a database", status=Status.DRAFT)

    response = search_after_counting(client, "databse")

    assert not response.context["close_matches"]
    assert response.context["suggestion"] is None
    assert "No articles match" in response.content.decode()


def test_stop_words_are_never_taken_for_misspellings(client):
    ArticleFactory(title="Then and now: choosing a database")

    response = search_after_counting(client, "the databse")

    assert response.context["suggestion"] == "the database"


def test_a_misspelling_is_corrected_to_the_word_the_articles_use_most_alike(client):
    ArticleFactory(
        title="Data and databases",
        body="A database keeps rows; every database answers queries.",
    )

    response = search_after_counting(client, "databse")

    # Not "data" (more trigrams alike) nor "databases": one letter is missing.
    assert response.context["suggestion"] == "database"


def test_the_worker_counts_the_words_of_what_is_published_after_each_change(
    client, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(title="Replication notes")
    run_worker()
    assert client.get("/search/", {"q": "replicaton"}).context["suggestion"] == (
        "replication"
    )

    with django_capture_on_commit_callbacks(execute=True):
        article.status = Status.DRAFT
        article.save()
    run_worker()
    assert client.get("/search/", {"q": "replicaton"}).context["suggestion"] is None


def test_saves_in_a_row_queue_one_count_of_the_words(
    run_worker, django_capture_on_commit_callbacks
):
    def queued():
        return DBTaskResult.objects.filter(
            task_path="articles.spelling.refresh_vocabulary", status="READY"
        ).count()

    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory.create_batch(3)
    assert queued() == 1

    run_worker()
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory()
    assert queued() == 1


def test_a_snippet_starts_where_its_sentence_starts(client):
    ArticleFactory(
        body="Servers answer requests. Every cache in front of them keeps "
        "copies of pages for a while, so that most readers never reach the "
        "database at all, however many of them arrive at once on a busy day "
        "when a story spreads. " + "Filler words follow here. " * 40
    )

    [article] = client.get("/search/", {"q": "database"}).context["page_obj"]

    assert article.snippet.startswith("Every cache in front of them")
    assert "<mark>database</mark>" in article.snippet
