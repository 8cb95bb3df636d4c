#!/usr/bin/env bash
# Entry point of a streaming replica in the postgres image: the first start
# copies the primary (pg_basebackup -R writes the standby settings), every
# start then hands over to the image's own entry point.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready --host "$PRIMARY_HOST" --quiet; do sleep 1; done
    PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup --host "$PRIMARY_HOST" \
        --username replicator --pgdata "$PGDATA" \
        --write-recovery-conf --wal-method stream --checkpoint fast
fi
exec docker-entrypoint.sh postgres
