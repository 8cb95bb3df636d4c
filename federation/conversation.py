"""Fediverse replies as comments, through the form's moderation rules and
queue, and the site's own replies going back to their authors.

A reply's author chose to publish their handle, name, picture and profile:
the comment shows those instead of an email, which it never has.
"""

import re
from html.parser import HTMLParser

from django.db import transaction
from django.urls import Resolver404, resolve
from django_tasks import task

from comments.conf import settings as comment_settings
from comments.models import Comment, Source, Status
from comments.moderation import moderate_remote
from comments.privacy import remove
from comments.tasks import notify_moderators
from federation import delivery, documents
from federation.actors import LocalActor
from federation.models import Publication, host_of
from federation.remote import FetchError
from federation.remote import actor as remote_actor
from publishing.addresses import lookup
from seo.meta import absolute


def _text(value):
    return value if isinstance(value, str) else ""


class _Text(HTMLParser):
    """A post's HTML as plain text: paragraphs, line breaks, and the address
    of each link whose text is an abbreviated address."""

    BLOCKS = {"p", "div", "blockquote", "li", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.link = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.link = (dict(attrs).get("href") or "", len(self.parts))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.link:
            href, start = self.link
            shown = "".join(self.parts[start:])
            if href.startswith(("https://", "http://")) and not shown.startswith(
                ("@", "#")
            ):
                self.parts[start:] = [href]
            self.link = None

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html):
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()
    return text[: comment_settings.COMMENTS_MAX_LENGTH]


def article_at(uri):
    """The published article or page ``uri`` is the address (or the
    fediverse id) of, or None."""
    site = absolute("/")
    if not uri.startswith(site):
        return None
    published = Publication.objects.filter(uri=uri, entry__isnull=False).first()
    if published is not None and published.entry.target is not None:
        target = published.entry.target
        return target if target.is_live else None
    return lookup("/" + uri[len(site) :].split("#")[0].split("?")[0])


def comment_at(uri):
    """The comment ``uri`` names: a fediverse post's, or the site's note."""
    found = Comment.objects.filter(remote_id=uri).first()
    if found is not None or not uri.startswith(absolute("/")):
        return found
    try:
        match = resolve("/" + uri[len(absolute("/")) :])
    except Resolver404:
        return None
    if match.view_name != "federation:note":
        return None
    return Comment.objects.filter(pk=match.kwargs["pk"]).first()


def receive_note(note, remote):
    """A reply to an article or a comment becomes a comment on it."""
    if not isinstance(note, dict) or note.get("type") != "Note":
        return
    note_id = _text(note.get("id"))
    author = note.get("attributedTo")
    if host_of(note_id) != remote.host or _id(author) != remote.uri:
        return
    if Comment.objects.filter(remote_id=note_id).exists():
        return
    parent = comment_at(_id(note.get("inReplyTo")))
    target = parent.target if parent else article_at(_id(note.get("inReplyTo")))
    if target is None or not target.takes_comments:
        return
    body = plain_text(_text(note.get("content")))
    if not body:
        return
    while parent is not None and parent.depth >= comment_settings.COMMENTS_MAX_DEPTH:
        parent = parent.parent
    comment = Comment(
        entry_id=target.entry_id,
        parent=parent,
        source=Source.FEDIVERSE,
        remote_id=note_id,
        remote_author=remote.uri,
        body=body,
    )
    _author(comment, remote)
    known = Comment.objects.approved().filter(remote_author=remote.uri).exists()
    decision = moderate_remote(comment, known=known)
    comment.status, comment.moderation_reason = decision.status, decision.reason
    comment.save()
    if comment.status == Status.PENDING:
        transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))


def _id(value):
    return _text(value.get("id") if isinstance(value, dict) else value)


def _author(comment, remote):
    comment.name = (remote.name or remote.handle or remote.uri)[:80]
    comment.handle = remote.handle
    comment.avatar = remote.avatar
    profile = remote.profile_url or remote.uri
    comment.website = profile if len(profile) <= 200 else ""


def update_note(note, remote):
    """The author changed their reply: so does the comment, judged again."""
    if not isinstance(note, dict):
        return
    comment = Comment.objects.filter(
        remote_id=_id(note), remote_author=remote.uri
    ).first()
    if comment is None:
        return
    comment.body = plain_text(_text(note.get("content")))
    decision = moderate_remote(comment, known=True)
    judged = comment.status in (Status.APPROVED, Status.PENDING)
    if judged and decision.status != Status.APPROVED:
        comment.status, comment.moderation_reason = decision.status, decision.reason
    comment.save()


def delete_note(note_id, remote):
    """The author deleted their reply: it goes from the site too."""
    remove(Comment.objects.filter(remote_id=note_id, remote_author=remote.uri))


def forget(remote):
    """The account is deleted: everything it wrote goes."""
    remove(Comment.objects.filter(remote_author=remote.uri))


def rename(remote):
    """The account changed its name or picture: its comments show the new."""
    for comment in Comment.objects.filter(remote_author=remote.uri):
        _author(comment, remote)
        comment.save()


@task()
def send_reply(comment_pk):
    """The site's reply, as a Note mentioning the author of the comment it
    answers, delivered to that author's inbox."""
    comment = Comment.objects.select_related("parent", "entry").get(pk=comment_pk)
    try:
        author = remote_actor(comment.parent.remote_author)
    except FetchError:
        return
    site = LocalActor.site()
    note = documents.note_object(comment, context=False)
    activity = {
        "@context": documents.CONTEXT,
        "id": f"{note['id']}#create",
        "type": "Create",
        "actor": site.id,
        "published": note["published"],
        "to": note["to"],
        "cc": note["cc"],
        "object": note,
    }
    delivery.send(activity, actor=site, inboxes=[author.inbox])
