#!/usr/bin/env bash
# Start a Varnish node in front of the site, in the foreground, with site.vcl.
#
#   PORT=8000 VARNISH_PORT=6081 deploy/varnish/start.sh
#
# VARNISH_PORT      where readers connect (default 6081)
# VARNISH_HOST      the address to listen on (default all)
# BACKEND_HOST      the site, or its load balancer (default 127.0.0.1)
# PORT              the site's port there (default 8000)
# VARNISH_PURGERS   addresses allowed to PURGE besides loopback, space
#                   separated, e.g. "10.0.0.0/24" for the app servers
# VARNISH_MEMORY    cache size (default 256m)
# VARNISH_WORKDIR   varnishd's working directory (default one per port in /tmp)
#
# The site purges the nodes listed in its HTTP_CACHE_PURGE_URLS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${VARNISH_PORT:-6081}"
workdir="${VARNISH_WORKDIR:-${TMPDIR:-/tmp}/varnish-site-$port}"
mkdir -p "$workdir"

acl='"127.0.0.1"; "::1";'
for address in ${VARNISH_PURGERS:-}; do
    network="${address%/*}"
    if [[ "$address" == */* ]]; then
        acl+=" \"$network\"/${address#*/};"
    else
        acl+=" \"$network\";"
    fi
done

cat >"$workdir/backend.vcl" <<VCL
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
VCL

exec varnishd -F \
    -n "$workdir" \
    -a "${VARNISH_HOST:-}:$port" \
    -f "$here/site.vcl" \
    -p vcl_path="$workdir" \
    -s "malloc,${VARNISH_MEMORY:-256m}"
