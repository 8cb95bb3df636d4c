"""Article bodies are rendered once, on save, to safe and highlighted HTML."""

import pytest

from publishing.markdown import render_markdown
from tests.factories import ArticleFactory


def test_script_and_event_handlers_are_stripped():
    html = render_markdown(
        'Hi <script>alert(1)</script><img src="x.png" alt="x" onerror="alert(2)">'
    ).html

    assert "<script" not in html and "onerror" not in html
    assert '<img src="x.png" alt="x">' in html


def test_javascript_links_are_not_rendered_as_links():
    html = render_markdown("[click](javascript:alert(1))").html

    assert "href" not in html


def test_code_is_highlighted_with_classes_not_inline_styles():
    html = render_markdown("```python\ndef greet():\n    return 1\n```").html

    assert '<pre><code class="language-python">' in html
    assert '<span class="k">def</span>' in html
    assert "style=" not in html


def test_headings_get_anchors_and_make_the_table_of_contents():
    rendered = render_markdown("## Why *this*\n\ntext\n\n### Detail\n\n#### Deeper\n")

    assert '<h2 id="s-why-this"><span id="why-this"></span>Why' in rendered.html
    assert rendered.toc == [
        {"level": 2, "id": "s-why-this", "title": "Why this"},
        {"level": 3, "id": "s-detail", "title": "Detail"},
    ]


@pytest.mark.django_db
def test_a_heading_named_like_a_part_of_the_page_cannot_take_its_id(client):
    article = ArticleFactory(body="## Comments\n\nAbout comments.\n\n## Caching\n")

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count('id="comments"') == 1  # the comment section's own
    assert '<h2 id="s-comments">Comments</h2>' in html
    assert '<span id="caching"></span>' in html  # an older link still lands


def test_tables_render():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n").html

    assert "<table>" in html and "<td>2</td>" in html


def test_table_column_alignment_survives_as_classes_the_csp_allows():
    html = render_markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n").html

    assert '<td class="align-left">1</td>' in html
    assert '<td class="align-center">2</td>' in html
    assert '<th class="align-right">c</th>' in html
    assert "style=" not in html


@pytest.mark.django_db
def test_the_table_of_contents_numbers_sections_and_nests_subsections(client):
    article = ArticleFactory(
        body="## One\n\nx\n\n### One a\n\nx\n\n### One b\n\nx\n\n## Two\n\nx\n"
    )

    html = client.get(article.get_absolute_url()).content.decode()
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]

    assert "".join(toc.split()) == (
        'aria-labelledby="toc-heading"><h2id="toc-heading">Contents</h2><ol>'
        '<li><ahref="#s-one">One</a><ul>'
        '<li><ahref="#s-one-a">Onea</a></li><li><ahref="#s-one-b">Oneb</a></li>'
        '</ul></li><li><ahref="#s-two">Two</a></li></ol>'
    )


@pytest.mark.django_db
def test_saving_an_article_stores_its_html_text_and_reading_time():
    article = ArticleFactory(body="## Part\n\n" + "word " * 460)

    assert article.body_html.startswith('<h2 id="s-part"><span id="part"></span>Part')
    assert article.word_count == 461
    assert article.reading_time == 3
