"""One connected JSON-LD @graph per page, and its validation.

The nodes link by @id: WebSite, the publisher Organization, the WebPage, its
BreadcrumbList and, on article pages, the BlogPosting with its author and
series. The checks follow Google's documented required and recommended
properties for Article and Breadcrumb results.
"""

import json

from django.urls import reverse

from seo.conf import settings
from seo.meta import absolute


def site_ids():
    base = settings.SITE_URL
    return {"website": f"{base}/#website", "publisher": f"{base}/#publisher"}


def build_graph(meta):
    """The JSON-LD graph of a page described by a PageMeta."""
    ids = site_ids()
    page_id = f"{meta.canonical_url}#webpage"
    graph = [_website(ids), _publisher(ids)]
    webpage = {
        "@type": meta.page_type,
        "@id": page_id,
        "url": meta.canonical_url,
        "name": meta.title,
        "description": meta.description,
        "inLanguage": settings.SEO_LANGUAGE,
        "isPartOf": {"@id": ids["website"]},
    }
    if meta.breadcrumbs:
        webpage["breadcrumb"] = {"@id": f"{meta.canonical_url}#breadcrumb"}
        graph.append(_breadcrumbs(meta))
    if meta.image:
        webpage["primaryImageOfPage"] = _image(meta.image)
    if meta.items:
        webpage["mainEntity"] = _item_list(meta.items)
    if meta.person:
        webpage["mainEntity"] = _person(meta.person)
    graph.insert(2, webpage)
    if meta.article:
        graph.extend(_article_nodes(meta, ids, page_id))
    return {"@context": "https://schema.org", "@graph": graph}


def graph_script(meta):
    """The graph as a script element, safe to place in HTML."""
    data = json.dumps(build_graph(meta), ensure_ascii=False, separators=(",", ":"))
    # "<" cannot close the script element once escaped as a JSON unicode escape.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{data}</script>'


def _website(ids):
    return {
        "@type": "WebSite",
        "@id": ids["website"],
        "url": f"{settings.SITE_URL}/",
        "name": settings.SITE_NAME,
        "description": settings.SITE_DESCRIPTION,
        "inLanguage": settings.SEO_LANGUAGE,
        "publisher": {"@id": ids["publisher"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(reverse("articles:search"))
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def _publisher(ids):
    node = {
        "@type": "Organization",
        "@id": ids["publisher"],
        "name": settings.SITE_NAME,
        "url": f"{settings.SITE_URL}/",
        "logo": {
            "@type": "ImageObject",
            "url": absolute(settings.SEO_LOGO_PATH),
            "width": 512,
            "height": 512,
        },
    }
    if settings.SEO_SAME_AS:
        node["sameAs"] = list(settings.SEO_SAME_AS)
    return node


def _breadcrumbs(meta):
    items = []
    for position, crumb in enumerate(meta.breadcrumbs, start=1):
        item = {"@type": "ListItem", "position": position, "name": crumb.name}
        if position < len(meta.breadcrumbs):
            item["item"] = absolute(crumb.path)
        items.append(item)
    return {
        "@type": "BreadcrumbList",
        "@id": f"{meta.canonical_url}#breadcrumb",
        "itemListElement": items,
    }


def _item_list(items):
    elements = [
        {
            "@type": "ListItem",
            "position": item.position,
            "name": item.name,
            "url": absolute(item.path),
        }
        for item in items
    ]
    return {"@type": "ItemList", "itemListElement": elements}


def _person(person):
    node = {"@type": "Person", "name": person.name}
    if person.url:
        node["url"] = absolute(person.url)
    if person.description:
        node["description"] = person.description
    if person.same_as:
        node["sameAs"] = list(person.same_as)
    return node


def _image(image):
    return {
        "@type": "ImageObject",
        "url": absolute(image.url),
        "width": image.width,
        "height": image.height,
        "caption": image.alt,
    }


def _article_nodes(meta, ids, page_id):
    facts = meta.article
    author = _person(facts.author)
    posting = {
        "@type": "BlogPosting",
        "@id": f"{meta.canonical_url}#article",
        "headline": facts.headline,
        "description": meta.description,
        "datePublished": facts.published.isoformat(),
        "dateModified": facts.modified.isoformat(),
        "author": author,
        "publisher": {"@id": ids["publisher"]},
        "mainEntityOfPage": {"@id": page_id},
        "isPartOf": [{"@id": ids["website"]}],
        "inLanguage": settings.SEO_LANGUAGE,
        "wordCount": facts.word_count,
        "commentCount": facts.comment_count,
    }
    if meta.image:
        posting["image"] = _image(meta.image)
    if facts.section:
        posting["articleSection"] = facts.section
    if facts.tags:
        posting["keywords"] = list(facts.tags)
    if facts.comments_open:
        posting["potentialAction"] = {
            "@type": "CommentAction",
            "name": "Comment",
            "target": f"{meta.canonical_url}#respond",
        }
    nodes = [posting]
    if facts.series:
        series_id = f"{absolute(facts.series.path)}#series"
        posting["isPartOf"].append({"@id": series_id})
        if facts.series.position:
            posting["position"] = facts.series.position
        nodes.append(
            {
                "@type": "CreativeWorkSeries",
                "@id": series_id,
                "name": facts.series.name,
                "url": absolute(facts.series.path),
            }
        )
    return nodes


def validate_graph(graph):
    """Problems Google would report for the Article and Breadcrumb features."""
    problems = []
    nodes = graph.get("@graph", [])
    ids = {node.get("@id") for node in nodes}
    for node in nodes:
        for value in _references(node):
            if value not in ids:
                problems.append(f"{node['@type']} refers to missing node {value}")
        if node["@type"] in ("BlogPosting", "Article", "NewsArticle"):
            problems += _article_problems(node)
        if node["@type"] == "BreadcrumbList":
            problems += _breadcrumb_problems(node)
    return problems


def _references(node):
    for value in node.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and set(item) == {"@id"}:
                yield item["@id"]


def _article_problems(node):
    problems = []
    headline = node.get("headline", "")
    if not headline:
        problems.append("Article: headline is missing")
    elif len(headline) > 110:
        problems.append("Article: headline is longer than 110 characters")
    for key in ("image", "datePublished", "dateModified", "author"):
        if not node.get(key):
            problems.append(f"Article: recommended property {key} is missing")
    author = node.get("author") or {}
    if author and not author.get("name"):
        problems.append("Article: author.name is missing")
    if author and not author.get("url"):
        problems.append("Article: recommended property author.url is missing")
    if node.get("datePublished", "") > node.get("dateModified", "~"):
        problems.append("Article: dateModified is earlier than datePublished")
    return problems


def _breadcrumb_problems(node):
    problems = []
    items = node.get("itemListElement") or []
    if not items:
        problems.append("BreadcrumbList: itemListElement is empty")
    for index, item in enumerate(items, start=1):
        if item.get("position") != index:
            problems.append(f"BreadcrumbList: item {index} has the wrong position")
        if not item.get("name"):
            problems.append(f"BreadcrumbList: item {index} has no name")
        if index < len(items) and not item.get("item"):
            problems.append(f"BreadcrumbList: item {index} has no URL")
    return problems
