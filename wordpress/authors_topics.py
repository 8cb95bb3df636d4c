"""WordPress authors, categories and tags as the site's authors and topics."""

import html
from urllib.parse import unquote

from django.urls import reverse
from django.utils.text import slugify

from articles.models import Author, Topic
from wordpress.models import Kind, digest


class AuthorsAndTopics:
    """For the Importer: who wrote the posts, and what they are about."""

    def author_for(self, login, *, name=""):
        if login in self.authors:
            return self.authors[login]

        def fill(author):
            author.name = (name or login or self.site_title or "WordPress")[:100]
            author.slug = _free_slug(Author, author.name, fallback="author")
            author.full_clean()
            author.save()
            return author

        author, _ = self.upsert(
            Kind.AUTHOR, login, model=Author, source=digest(login),
            fill=fill, local=lambda author: "",
        )  # fmt: skip
        if author is None:  # deleted here: a fresh one takes the posts
            author = fill(Author())
        self.authors[login] = author
        if login:
            self.redirect(f"/author/{slugify(login)}/", author.get_absolute_url())
            feed = reverse("articles:author_rss", kwargs={"slug": author.slug})
            self.redirect(f"/author/{slugify(login)}/feed/", feed)
        return author

    def term(self, record):
        if record.taxonomy not in ("category", "post_tag"):
            self.report.skipped[
                (f"term ({record.taxonomy})", "no such thing here")
            ] += 1
        elif record.taxonomy == "category" and record.slug == "uncategorized":
            if ("category", "uncategorized") not in self.topics:
                self.topics[("category", "uncategorized")] = None
                self.report.skipped[("category", "WordPress's default category")] += 1
                self.redirect("/category/uncategorized/", reverse("articles:list"))
        else:
            if record.taxonomy == "category" and record.parent:
                self.category_parents[record.slug] = record.parent
            self.topic_for(record.taxonomy, record.slug, record.name)

    def topic_for(self, taxonomy, wp_slug, name):
        if (taxonomy, wp_slug) in self.topics:
            return self.topics[(taxonomy, wp_slug)]
        name = html.unescape(name) or unquote(wp_slug)
        slug = slugify(unquote(wp_slug)) or slugify(name) or "topic"

        def fill(topic):
            # A topic of the site with the same slug takes the posts.
            topic = Topic.objects.filter(slug=slug).first() or topic
            if topic.pk is None:
                topic.name, topic.slug = name[:100], slug[:100]
                topic.full_clean()
                topic.save()
            return topic

        topic, _ = self.upsert(
            Kind.TOPIC, slug, model=Topic, source=digest(slug),
            fill=fill, local=lambda topic: "",
        )  # fmt: skip
        self.topics[(taxonomy, wp_slug)] = topic  # None: deleted here, left so
        if topic is not None:
            for archive in self.archives(taxonomy, wp_slug):
                self.redirect(archive, topic.get_absolute_url())
                feed = reverse("articles:topic_rss", kwargs={"slug": topic.slug})
                self.redirect(f"{archive}feed/", feed)
        return topic

    def archives(self, taxonomy, wp_slug):
        """A term's archive addresses: a subcategory's also under its parents."""
        if taxonomy != "category":
            return [f"/tag/{wp_slug}/"]
        chain, parent = [wp_slug], self.category_parents.get(wp_slug)
        while parent and parent not in chain:
            chain.insert(0, parent)
            parent = self.category_parents.get(parent)
        paths = [f"/category/{wp_slug}/"]
        if len(chain) > 1:
            paths.append(f"/category/{'/'.join(chain)}/")
        return paths


def name_of(author):
    full = f"{author.first_name} {author.last_name}".strip()
    return html.unescape(author.display_name or full or author.login)


def _free_slug(model, name, *, fallback):
    base = (slugify(name) or fallback)[:90]
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
