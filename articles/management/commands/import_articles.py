"""Load Markdown articles with YAML front matter from a folder, idempotently.

The folder may hold an ``_index.yaml`` declaring the series, topics and
authors its articles refer to (created when missing, never overwritten).
Each ``*.md`` file is one article, matched by slug: new ones are created,
changed ones updated, unchanged ones left alone. An article an editor has
changed since its last import is kept as it is unless ``--force`` is given.
"""

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import reversion
import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article, Author, Series, Topic

ARTICLE_FIELDS = (
    "title", "summary", "body", "status", "published_at", "series_position",
    "comments_open", "seo_title", "meta_description",
)  # fmt: skip


class Command(BaseCommand):
    help = "Import Markdown articles (with YAML front matter) from a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite articles that editors changed since their last import.",
        )

    def handle(self, *, folder, force, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.")
        counts = {"created": 0, "updated": 0, "unchanged": 0, "kept": 0}
        with transaction.atomic():
            self.import_index(folder / "_index.yaml")
            for path in sorted(folder.glob("*.md")):
                outcome = self.import_article(path, force=force)
                counts[outcome] += 1
        summary = ", ".join(f"{n} {outcome}" for outcome, n in counts.items())
        self.stdout.write(f"Imported {folder}: {summary}.")

    def import_index(self, path):
        if not path.exists():
            return
        index = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for model, key in ((Series, "series"), (Topic, "topics"), (Author, "authors")):
            for entry in index.get(key, []):
                entry = dict(entry)
                model.objects.get_or_create(slug=entry.pop("slug"), defaults=entry)

    def import_article(self, path, *, force):
        meta, body = read_front_matter(path)
        try:
            values = {
                "title": meta["title"],
                "summary": meta["summary"],
                "body": body,
                "status": meta.get("status", "draft"),
                "published_at": as_utc(meta.get("published_at"), name=path.name),
                "series_position": meta.get("series_position"),
                "comments_open": meta.get("comments_open", True),
                "seo_title": meta.get("seo_title", ""),
                "meta_description": meta.get("meta_description", ""),
                "author": Author.objects.get(slug=meta["author"]),
                "series": Series.objects.get(slug=meta["series"])
                if meta.get("series")
                else None,
            }
            topics = [Topic.objects.get(slug=slug) for slug in meta.get("topics", [])]
            slug = meta["slug"]
        except KeyError as error:
            raise CommandError(f"{path.name}: missing front matter {error}") from error
        except (Author.DoesNotExist, Series.DoesNotExist, Topic.DoesNotExist) as error:
            raise CommandError(f"{path.name}: {error}") from error

        article = Article.objects.filter(slug=slug).first()
        new_checksum = checksum(values, topics)
        if article is None:
            article, outcome = Article(slug=slug), "created"
        elif (current := checksum_of(article)) == new_checksum:
            return "unchanged"
        elif not force and current != article.import_checksum:
            self.stderr.write(
                f"{path.name}: kept “{article.title}”, changed by an editor since "
                "its last import (use --force to overwrite)."
            )
            return "kept"
        else:
            outcome = "updated"

        for field, value in values.items():
            setattr(article, field, value)
        article.import_checksum = new_checksum
        try:
            article.full_clean()
        except ValidationError as error:
            raise CommandError(f"{path.name}: {error}") from error
        with reversion.create_revision():
            article.save()
            article.topics.set(topics)
            reversion.set_comment(f"Imported from {path.name}.")
        return outcome


def read_front_matter(path):
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        raise CommandError(f"{path.name}: no front matter (start the file with ---).")
    front, _, body = text[4:].partition("\n---\n")
    try:
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError as error:
        raise CommandError(
            f"{path.name}: front matter is not valid YAML: {error}"
        ) from error
    return meta, body.strip() + "\n"


def as_utc(value, *, name):
    """A publish time in UTC, as the database gives it back (for the checksum)."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise CommandError(
            f"{name}: published_at needs a date and a time, e.g. "
            f"“{value} 09:00:00+00:00”, not “{value}”."
        )
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def checksum_of(article):
    """The fingerprint of an article as it stands in the database."""
    values = {field: getattr(article, field) for field in ARTICLE_FIELDS}
    values.update(author=article.author, series=article.series)
    return checksum(values, list(article.topics.all()))


def checksum(values, topics):
    """A fingerprint of an article's imported content, to detect later edits."""
    material = {
        **{field: values[field] for field in ARTICLE_FIELDS},
        "author": values["author"].pk,
        "series": values["series"].pk if values["series"] else None,
        "topics": sorted(topic.pk for topic in topics),
    }
    encoded = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()
