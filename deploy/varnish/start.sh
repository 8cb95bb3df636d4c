#!/usr/bin/env bash
# Start a Varnish node in front of the site, in the foreground, with site.vcl.
#
#   PORT=8000 VARNISH_PORT=6081 deploy/varnish/start.sh
#
# VARNISH_PORT      where readers connect (default 6081)
# VARNISH_HOST      the address to listen on (default all)
# BACKEND_HOST      the site, or its load balancer (default 127.0.0.1)
# PORT              the site's port there (default 8000)
# VARNISH_PURGERS   required: the addresses that purge, space separated, e.g.
#                   "10.0.0.0/24" for the app servers, "127.0.0.1" when the
#                   task worker runs on this machine
# VARNISH_PURGE_SECRET  required: the site's HTTP_CACHE_PURGE_SECRET, which
#                   every PURGE carries in a Purge-Secret header (32 or more
#                   letters, digits, "-" or "_")
# VARNISH_MEMORY    cache size (default 256m)
# VARNISH_WORKDIR   varnishd's working directory (default one per port in /tmp)
#
# The site purges the nodes listed in its HTTP_CACHE_PURGE_URLS. A PURGE from
# anywhere else, or without the secret, is refused (403): loopback is not
# trusted by itself, since behind a TLS proxy on this machine every reader
# comes from loopback.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${VARNISH_PORT:-6081}"
workdir="${VARNISH_WORKDIR:-${TMPDIR:-/tmp}/varnish-site-$port}"

secret="${VARNISH_PURGE_SECRET:-}"
if [[ ! "$secret" =~ ^[A-Za-z0-9_-]{32,}$ ]]; then
    echo "Set VARNISH_PURGE_SECRET to the site's HTTP_CACHE_PURGE_SECRET" \
        "(32 or more letters, digits, - or _)." >&2
    exit 2
fi
if [[ -z "${VARNISH_PURGERS:-}" ]]; then
    echo "Set VARNISH_PURGERS to the addresses that purge," \
        "e.g. \"10.0.0.0/24\" or \"127.0.0.1\"." >&2
    exit 2
fi
mkdir -p "$workdir"

acl=''
for address in $VARNISH_PURGERS; do
    network="${address%/*}"
    if [[ "$address" == */* ]]; then
        acl+=" \"$network\"/${address#*/};"
    else
        acl+=" \"$network\";"
    fi
done

# The secret is for varnishd alone: root's and, where its VCL compiler runs
# as a user of the varnish group (started as root), that group's.
backend="$workdir/backend.vcl"
rm -f "$backend"
(umask 077 && cat >"$backend") <<VCL
vcl 4.1;

backend site {
    .host = "${BACKEND_HOST:-127.0.0.1}";
    .port = "${PORT:-8000}";
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

acl purgers { $acl }

# Runs before site.vcl's own vcl_recv: only the purgers, with the secret.
sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers || req.http.Purge-Secret != "$secret") {
            return (synth(403, "Not allowed to purge"));
        }
        unset req.http.Purge-Secret;
    }
}
VCL
if [[ $EUID -eq 0 ]] && getent group varnish >/dev/null; then
    chgrp varnish "$backend" && chmod 640 "$backend"
fi

exec varnishd -F \
    -n "$workdir" \
    -a "${VARNISH_HOST:-}:$port" \
    -f "$here/site.vcl" \
    -p vcl_path="$workdir" \
    -s "malloc,${VARNISH_MEMORY:-256m}"
