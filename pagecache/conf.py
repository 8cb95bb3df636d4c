"""The page cache's settings and their defaults (see web/app_settings.py)."""

from web.app_settings import AppSettings

CAMPAIGN_QUERY = ["utm_*", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid"]

settings = AppSettings(
    # An upper bound only: pages are replaced when what they show changes.
    PAGE_CACHE_SECONDS=24 * 60 * 60,
    # The most pages each worker also keeps in its own memory, in bytes.
    PAGE_CACHE_LOCAL_BYTES=16 * 1024 * 1024,
    # How long one request may take to render a page while others wait for
    # it; past that, they render it themselves.
    PAGE_CACHE_RENDER_SECONDS=5,
    # The query parameters pages read (lists' ``page``, search's ``q``, a
    # reply's ``replyto``): an address with any other is not stored.
    PAGE_CACHE_QUERY_KEYS=["page", "q", "replyto"],
    # Campaign parameters: dropped, so that they map to the plain address
    # (deploy/varnish/site.vcl drops the same).
    PAGE_CACHE_IGNORED_QUERY=CAMPAIGN_QUERY,
)
