# One Varnish node in front of the site: pages for readers without cookies
# come from memory, and leave it the moment they change, by cache tag.
#
# The site marks each page it shares with the tags of what it shows (an
# `xkey` header, see pagecache/tags.py) and, at every change, sends each
# node in HTTP_CACHE_PURGE_URLS a PURGE naming the tags it made stale.
# Started by start.sh, which writes backend.vcl (the app and who may purge).
vcl 4.1;

import std;
import xkey;

include "backend.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        call purge;
    }
    call only_what_the_site_reads;
    # An article's address answers HTML or ActivityPub JSON by Accept, and
    # says Vary: Accept: reduce Accept to those two kinds, so each page is
    # kept twice at most, not once per browser's Accept header.
    if (req.http.Accept ~ "application/activity\+json" ||
        req.http.Accept ~ "application/ld\+json.*activitystreams") {
        set req.http.Accept = "application/activity+json";
    } else {
        unset req.http.Accept;
    }
    # A cookie means a page of one's own: staff, a commenter's pending
    # comment or remembered name. Varnish's built-in rules pass those, and
    # anything but GET and HEAD, straight to the site.
    if (std.healthy(req.backend_hint)) {
        # While the site is up, a page past its time or purged stands in for
        # a moment, while one request fetches it afresh in the background:
        # readers of a busy page never queue behind its render. Requests for
        # a page nobody holds wait for the one fetch of it (coalescing).
        # The fetch replaces the copy as soon as it comes back; this only
        # bounds how old a copy may be while a slow render is on its way.
        set req.grace = 10s;
    }
}

sub purge {
    if (client.ip !~ purgers) {
        return (synth(403, "Not allowed to purge"));
    }
    if (req.http.xkey-purge-at-once) {
        # A comment removed or erased, an article taken down: gone at once,
        # with no stale copy to stand in.
        set req.http.purged = xkey.purge(req.http.xkey-purge-at-once);
    } elsif (req.http.xkey-purge) {
        # Soft: a purged page may stand in while the site renders it again,
        # or while the site is down.
        set req.http.purged = xkey.softpurge(req.http.xkey-purge);
    } else {
        return (synth(400, "Name the tags to purge in an xkey-purge header"));
    }
    return (synth(200, "Purged " + req.http.purged + " objects"));
}

sub only_what_the_site_reads {
    # Headers that would move the site or say where it is (gunicorn and
    # HAProxy drop them too): no reader may change what a shared page holds.
    unset req.http.SCRIPT_NAME;
    unset req.http.PATH_INFO;
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Prefix;
    unset req.http.X-Forwarded-Server;
    unset req.http.X-Original-URL;
    unset req.http.X-Rewrite-URL;
    unset req.http.X-Host;
    # The scheme a TLS proxy in front reports is part of the key (vcl_hash):
    # "https", or nothing.
    if (req.http.X-Forwarded-Proto != "https") {
        unset req.http.X-Forwarded-Proto;
    }
    # Campaign parameters map to the plain address, as in the page cache
    # (PAGE_CACHE_IGNORED_QUERY): one copy of a page, not one per link.
    if (req.url ~ "[?&](utm_[^=&]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid)(=|&|$)") {
        set req.url = regsuball(req.url, "([?&])(utm_[^=&]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid)(=[^&]*)?(?=&|$)", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    set req.url = std.querysort(req.url);
}

sub vcl_hash {
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Keep only what the site offers to shared caches: tagged pages and
    # static files. Anything else (an error, a redirect, a page that sets a
    # cookie) is fetched every time.
    if (!beresp.http.xkey && bereq.url !~ "^/static/") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # How long a stale page may stand in for a site that is down.
    set beresp.grace = 24h;
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
        # The site's id names the request that filled the cache; this
        # answer is Varnish's own.
        set resp.http.X-Request-ID = "varnish-" + req.xid;
    } else {
        set resp.http.X-Cache = "miss";
    }
}
