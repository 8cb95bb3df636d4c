#!/usr/bin/env bash
# Start nginx in front of gunicorn, in the foreground, on each app server.
#
#   PORT=8000 NGINX_PORT=8080 deploy/nginx/start.sh
#
# gunicorn's sync workers give each request their whole attention, from its
# first byte to the last byte of its answer, so a client that sends or reads
# slowly holds a worker, and a handful of them stop the site. nginx takes each
# request whole (headers within 10 s, the body as slowly as it comes, to a
# temporary file past 128 kB) before gunicorn sees it, and takes the answer
# whole before sending it on, so gunicorn only ever meets nginx, at loopback
# speed. Keep gunicorn on loopback (GUNICORN_BIND's default) behind it.
#
# NGINX_PORT        where clients, Varnish or the balancer connect (default 8080)
# NGINX_HOST        the address to listen on (default all)
# BACKEND_HOST      gunicorn (default 127.0.0.1)
# PORT              gunicorn's port there (default 8000)
# NGINX_MAX_BODY    the largest request body, e.g. an upload in the admin
#                   (default 25m: the media library's 20 MB and room)
# NGINX_WORKDIR     nginx's working directory (default one per port in /tmp)
#
# nginx adds the address it saw to X-Forwarded-For, as every proxy in front
# does: count it in the site's PROXY_COUNT, with USE_X_FORWARDED_FOR=on.
set -euo pipefail
port="${NGINX_PORT:-8080}"
workdir="${NGINX_WORKDIR:-${TMPDIR:-/tmp}/nginx-site-$port}"
mkdir -p "$workdir"
listen="${NGINX_HOST:+$NGINX_HOST:}$port"

cat >"$workdir/nginx.conf" <<CONF
worker_processes auto;
pid $workdir/nginx.pid;
error_log stderr warn;

events {
    worker_connections 4096;
}

http {
    # The site writes one line per request itself (web/logs.py).
    access_log off;
    server_tokens off;
    client_body_temp_path $workdir/body;
    proxy_temp_path $workdir/proxy;
    fastcgi_temp_path $workdir/fastcgi;
    uwsgi_temp_path $workdir/uwsgi;
    scgi_temp_path $workdir/scgi;

    # Whole requests in, whole answers out; slow clients wait here.
    client_header_timeout 10s;
    client_body_timeout 10s;
    send_timeout 10s;
    keepalive_timeout 15s;
    client_max_body_size ${NGINX_MAX_BODY:-25m};
    client_body_buffer_size 128k;
    # gunicorn's own limits (config/gunicorn.conf.py): 4 kB request line,
    # 8 kB per header.
    large_client_header_buffers 4 8k;
    proxy_request_buffering on;
    proxy_buffering on;
    proxy_max_temp_file_size 64m;

    server {
        listen $listen;

        location / {
            proxy_pass http://${BACKEND_HOST:-127.0.0.1}:${PORT:-8000};
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_connect_timeout 5s;
            proxy_read_timeout 60s;
        }
    }
}
CONF

exec nginx -e stderr -p "$workdir" -c "$workdir/nginx.conf" -g "daemon off;"
