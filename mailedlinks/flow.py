"""The pages a mailed link opens, the same for every app that mails readers.

A link opens a page with a button, because mail scanners fetch every link
and must change nothing; the button's POST acts. A link used up or expired
opens a page that says so (410). Links that stop mail also take the POST a
mail client's one-click button sends (RFC 8058), which carries no cookie and
no CSRF token and comes from the mail provider's servers. None of these
pages is cached or indexed.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import classonlymethod
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from seo.meta import PageMeta
from web.origin import cross_origin_protected


def page(request, template, title, *, description, path, status=200, **context):
    """A page reached from a mailed link, or about one: never indexed. Its
    canonical ``path`` is a page without a token."""
    context["seo"] = PageMeta(
        title=title, description=description, path=path, noindex=True
    )
    return render(request, template, context, status=status)


class MailedLinkView(View):
    http_method_names = ["get", "post"]
    # Each app's pages say whose they are, and name its page without a token.
    description = ""
    canonical = ""  # a URL name
    gone_template = ""
    gone_title = "Link expired"
    extra_context = None

    def page(self, template, title, *, status=200, **context):
        context = {**(self.extra_context or {}), **context}
        return page(
            self.request,
            template,
            title,
            description=self.description,
            path=reverse(self.canonical),
            status=status,
            **context,
        )

    def gone(self):
        return self.page(self.gone_template, self.gone_title, status=410)


class ButtonLink(MailedLinkView):
    """GET: a page with a button while the link works. POST: use it, once."""

    button_template = ""
    title = ""

    @classonlymethod
    def as_view(cls, **initkwargs):
        return cross_origin_protected(never_cache(super().as_view(**initkwargs)))

    def holder(self, token):
        """What the link stands for while it works, or None."""
        raise NotImplementedError

    def use(self, token):
        """Use the link up: the answer, or None when it no longer works."""
        raise NotImplementedError

    def title_for(self, holder):
        return self.title

    def button_context(self, holder):
        return {}

    def get(self, request, token):
        holder = self.holder(token)
        if holder is None:
            return self.gone()
        title, context = self.title_for(holder), self.button_context(holder)
        return self.page(self.button_template, title, **context)

    def post(self, request, token):
        return self.use(token) or self.gone()


class StopLink(MailedLinkView):
    """GET: a page with a button. POST: stop the mails, from that button or
    from a mail client's one-click button.

    A link to one row answers the same whether or not it was good, so it
    tells nobody whether a row or an address exists; a signed link that
    expired says so.
    """

    button_template = done_template = ""
    title = done_title = ""

    @classonlymethod
    def as_view(cls, **initkwargs):
        return csrf_exempt(never_cache(super().as_view(**initkwargs)))

    def works(self, **kwargs):
        """Whether the link may still be used; only a signed link can expire."""
        return True

    def stop(self, **kwargs):
        """Stop the mails the link is for, if it is good."""
        raise NotImplementedError

    def get(self, request, **kwargs):
        if not self.works(**kwargs):
            return self.gone()
        return self.page(self.button_template, self.title)

    def post(self, request, **kwargs):
        if not self.works(**kwargs):
            return self.gone()
        self.stop(**kwargs)
        return self.page(self.done_template, self.done_title)
