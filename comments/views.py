from django.core.paginator import InvalidPage, Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comments import confirmation, cookies, mail, proof_of_work
from comments.conf import settings
from comments.forms import HONEYPOT, CommentForm, PreviewForm
from comments.markup import render_body
from comments.models import Comment, CommentSettings, Status, with_removed_ancestors
from comments.moderation import moderate
from comments.tasks import notify_moderators
from publishing.addresses import lookup
from publishing.rendering import detail_response
from ratelimits.keys import network
from ratelimits.models import consume
from seo.meta import PageMeta
from web.client import client_ip
from web.origin import cross_origin_protected


@require_http_methods(["GET", "POST"])
@cross_origin_protected
def comments(request, address):
    """GET: one page of the comments on an article or page. POST: a new one."""
    target = lookup(f"/{address}")
    if target is None:
        raise Http404("Nothing published has this address.")
    if request.method == "POST":
        return post_comment(request, target)
    paginator = Paginator(
        Comment.objects.approved().on(target).for_display().in_thread_order(),
        settings.COMMENTS_PER_PAGE,
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404("No such page of comments.") from error
    meta = PageMeta(
        title=f"Comments on {target.title}, page {page.number}",
        description=f"Readers' comments on “{target.title}”.",
        path=target.get_absolute_url(),  # canonical: the article or page itself
        noindex=True,
    )
    context = {
        "target": target,
        "page": page,
        "comments": with_removed_ancestors(list(page)),
        "editable": cookies.editable_here(request, target),
        "is_open": target.takes_comments,
        "seo": meta,
    }
    return render(request, "comments/comment_page.html", context)


@require_POST
@never_cache
@cross_origin_protected
def preview(request):
    """A comment's text as it will show (the form's Preview button), never
    stored. The form is on shared pages, so no CSRF token: the origin check
    and a limit per network stand in for it."""
    if not consume(
        "comment-preview",
        network(client_ip(request)),
        limit=settings.COMMENTS_PREVIEW_LIMIT,
        window=settings.COMMENTS_PREVIEW_WINDOW,
    ):
        return _text("Too many previews for now: please wait a few minutes.", 429)
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return _text(form.errors["body"][0], 400)
    return HttpResponse(render_body(form.cleaned_data["body"]))


def _text(message, status):
    return HttpResponse(message, status=status, content_type="text/plain")


@require_GET
@never_cache
def challenge(request):
    """A fresh proof-of-work puzzle for the comment form while editors ask for
    one (JSON), or 204: pages stay the same, and cacheable, either way."""
    if not CommentSettings.current().proof_of_work:
        return HttpResponse(status=204)
    return JsonResponse(proof_of_work.new_challenge())


def post_comment(request, target):
    if not target.takes_comments:
        return render(request, "comments/closed.html", {"target": target}, status=403)
    form = CommentForm(request.POST, target=target)
    if not form.is_valid():
        form.fresh_timestamp()
        return _sent_back(request, target, form)

    # Only well-formed comments count, so a reader's typos cost no allowance.
    ip_address = client_ip(request)
    if not consume(
        "comments",
        network(ip_address),
        limit=settings.COMMENTS_RATE_LIMIT,
        window=settings.COMMENTS_RATE_WINDOW,
    ):
        return render(
            request, "comments/rate_limited.html", {"target": target}, status=429
        )
    email, notify = form.cleaned_data["email"], form.cleaned_data["notify"]
    confirmed_here = cookies.confirmed_here(request, email)
    if confirmation.needs_mail(
        notify=notify, confirmed_here=confirmed_here
    ) and not mail.mail_allowed(email=email, ip=ip_address):
        return render(
            request, "comments/too_many_mails.html", {"target": target}, status=429
        )

    comment = form.save(commit=False)
    comment.target = target
    comment.parent = form.cleaned_data["parent"]
    comment.sent_from(stamp=form.data["timestamp"], ip_address=ip_address)
    comment.user_agent = request.headers.get("User-Agent", "")[:300]
    own = cookies.own_comment_ids(request)
    with transaction.atomic():
        comment.wait_for_identical_posts()
        # A second click, or the same comment sent again, leads to the first.
        comment = Comment.objects.duplicate_of(comment, own=own) or _store(
            comment, form, confirmed_here=confirmed_here
        )
    # The same answer for every comment, whoever else used the address.
    response = redirect(comment.get_absolute_url())
    cookies.remember_author(
        response, form.cleaned_data if form.cleaned_data["remember"] else None
    )
    cookies.add_own_comment(request, response, comment)
    return response


def _sent_back(request, target, form):
    """The article or page again, its comment form showing what went wrong."""
    return detail_response(request, target, comment_form=form)


def _store(comment, form, *, confirmed_here):
    decision = moderate(
        comment,
        honeypot=form.cleaned_data[HONEYPOT],
        elapsed=form.cleaned_data["timestamp"],
        proven=confirmed_here,
    )
    confirmation.judge(comment, decision, confirmed_here=confirmed_here)
    comment.save()
    confirmation.after_store(comment, notify=form.cleaned_data["notify"])
    if comment.status == Status.PENDING:
        transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))
    return comment
