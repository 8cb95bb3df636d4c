#!/usr/bin/env bash
# What compose.yaml asks of the official postgres image's entry point: on the
# first start a cluster whose superuser is POSTGRES_USER (POSTGRES_PASSWORD,
# scram-sha-256 from other hosts) with the database POSTGRES_DB, then the
# scripts in /docker-entrypoint-initdb.d; the server runs as user postgres.
set -euo pipefail
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
    mkdir -p "$PGDATA"
    chown -R postgres:postgres "$PGDATA"
    chmod 700 "$PGDATA"
    exec setpriv --reuid=postgres --regid=postgres --init-groups "$0" "$@"
fi
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
    export POSTGRES_USER="${POSTGRES_USER:-postgres}"
    export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
    initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") \
        --auth-local=trust --auth-host=scram-sha-256
    echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
    # Local connections only while the scripts run.
    pg_ctl --wait --options="-c listen_addresses=''" start
    if [ "$POSTGRES_DB" != postgres ]; then
        createdb --username="$POSTGRES_USER" "$POSTGRES_DB"
    fi
    shopt -s nullglob
    for script in /docker-entrypoint-initdb.d/*.sh; do
        bash "$script"
    done
    pg_ctl --wait --mode=fast stop
fi
exec "$@"
