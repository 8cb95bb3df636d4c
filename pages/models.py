from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from pagecache import tags
from pages.addresses import validate_free_slug
from publishing.models import Publishable, PublishableQuerySet
from seo import meta
from seo.social import drawn_card


class Kind(models.TextChoices):
    PAGE = "page", "Page"
    ABOUT = "about", "About the site"
    CONTACT = "contact", "Contact"
    PRIVACY = "privacy", "Privacy notice"


# The schema.org type each kind of page declares in its JSON-LD.
SCHEMA_TYPES = {
    Kind.PAGE: "WebPage",
    Kind.ABOUT: "AboutPage",
    Kind.CONTACT: "ContactPage",
    Kind.PRIVACY: "WebPage",
}


# What a link in the header or footer shows of a page, and where; and what
# says whether it is live, which decides whether there is a link at all.
LINK_FIELDS = ("title", "path", "show_in", "order", "kind")
LIVE_FIELDS = ("status", "published_at", "unpublish_at")
MAX_PATH = 255
UNKNOWN = object()


class ShowIn(models.TextChoices):
    HEADER = "header", "Header"
    FOOTER = "footer", "Footer"
    NOWHERE = "", "Neither"


class PageQuerySet(PublishableQuerySet):
    def linked(self):
        """What the header and footer link to: published pages placed there,
        and the privacy notice, which the footer names."""
        return self.published().filter(
            ~Q(show_in=ShowIn.NOWHERE) | Q(kind=Kind.PRIVACY)
        )


class Page(Publishable):
    """A page that stands apart from the articles: about, contact, privacy."""

    detail_url_name = "pages:detail"
    address_field = "path"

    slug = models.SlugField(
        max_length=100,
        unique=True,
        allow_unicode=True,
        validators=[validate_free_slug],
        help_text="The page's address: “about” gives /about/. Keep it stable "
        "once published; addresses the site already uses are refused.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Optional: the page this one sits under. Its address then "
        "follows the parent's: “team” under “about” is /about/team/.",
    )
    path = models.CharField(
        max_length=MAX_PATH,
        unique=True,
        editable=False,
        help_text="The address below the site's root: the parents' slugs, then "
        "its own.",
    )
    kind = models.CharField(
        max_length=10,
        choices=Kind,
        default=Kind.PAGE,
        help_text="Tells search engines what the page is. A privacy notice also "
        "shows, after the body, what the site stores and for how long, taken "
        "from the settings it runs with.",
    )
    summary = models.TextField(
        max_length=300,
        help_text="One or two sentences, used as the description search engines show.",
    )
    body = models.TextField(
        blank=True,
        help_text="Markdown (CommonMark, with tables).",
    )
    show_in = models.CharField(
        "link from",
        max_length=10,
        choices=ShowIn,
        default=ShowIn.NOWHERE,
        blank=True,
        help_text="Where every page of the site links to this one, once published.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Links go from the lowest number to the highest."
    )
    comments_open = models.BooleanField(
        "take comments",
        default=False,
        help_text="Tick to let readers comment under the page, moderated as "
        "on articles. Untick to close it to new comments; those published stay.",
    )

    objects = PageQuerySet.as_manager()

    class Meta(Publishable.Meta):
        ordering = ("order", "title")
        constraints = [
            *Publishable.Meta.constraints,
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind=Kind.PRIVACY),
                name="one_privacy_notice",
                violation_error_message="The site has a privacy notice already.",
            ),
        ]

    def clean(self):
        super().clean()
        if self.parent_id and self.pk in {p.pk for p in self.parent.lineage()}:
            raise ValidationError(
                {"parent": "A page cannot sit under itself or one of its own pages."}
            )
        if len(self.nested_path()) > MAX_PATH:
            raise ValidationError(
                {"parent": "The address would be too long: choose shorter slugs."}
            )

    def save(self, *args, **kwargs):
        moved = self.path != (path := self.nested_path())
        self.path = path
        super().save(*args, **kwargs)
        if moved:
            for child in self.children.all():
                child.save()  # its address follows, and redirects from the old

    @property
    def address_key(self):
        """Its path; before its first save (a preview), the one it will take."""
        return self.path or self.nested_path()

    def lineage(self):
        """This page, its parent, the parent's parent… up to the top."""
        page, seen = self, set()
        while page is not None and page.pk not in seen:
            seen.add(page.pk)
            yield page
            page = page.parent

    def nested_path(self):
        """The address this page takes below its parents: ``about/team``."""
        parent = self.parent.path if self.parent_id else ""
        return f"{parent}/{self.slug}" if parent else self.slug

    @classmethod
    def from_db(cls, db, field_names, values):
        page = super().from_db(db, field_names, values)
        # Loaded in part, its links are unknown: any change may touch them.
        complete = not page.get_deferred_fields() & {*LINK_FIELDS, *LIVE_FIELDS}
        page._stored_link = page.link if complete else UNKNOWN
        return page

    @property
    def link(self):
        """What the header or footer shows of this page, or None."""
        if not self.is_live or (
            self.show_in == ShowIn.NOWHERE and self.kind != Kind.PRIVACY
        ):
            return None
        return tuple(getattr(self, name) for name in LINK_FIELDS)

    def purge_tags(self):
        """Its own page and the sitemap; every page when the links to it in
        the header or footer change (or it is deleted while linked)."""
        stale = super().purge_tags()
        before = getattr(self, "_stored_link", None)
        now = None if getattr(self, "_deleted", False) else self.link
        if before != now:
            stale.add(tags.SITE)
        return stale

    def seo_meta(self, *, noindex=False):
        """How the page describes itself to search engines (seo/meta.py)."""
        return meta.PageMeta(
            title=self.search_title,
            description=self.description,
            path=self.get_absolute_url(),
            canonical=self.canonical_url,
            noindex=noindex or self.noindex,
            page_type=SCHEMA_TYPES[self.kind],
            image=drawn_card(self, self.share_image_key, alt=self.title),
            breadcrumbs=(
                meta.Crumb("Home", "/"),
                *(
                    meta.Crumb(page.title, page.get_absolute_url())
                    for page in reversed(list(self.lineage()))
                ),
            ),
        )
