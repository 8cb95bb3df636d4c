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
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the tags to purge in an xkey-purge header"));
        }
        # Soft: a purged page may still stand in while the site is down.
        set req.http.purged = xkey.softpurge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.purged + " objects"));
    }
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
        # Grace serves a stale page only while the site is down, never
        # while it is up: a purged or expired page is fetched afresh.
        set req.grace = 0s;
    }
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
