#!/usr/bin/env bash
# Make a PostgreSQL server available for the store tests and print the URL to use, e.g.
#   export EVENTDESK_TEST_PG_URL="$(.ci/postgres.sh)"
# Uses a server already listening on 127.0.0.1:${PGPORT:-5432} when one is there (and the test role and
# database can be made); otherwise installs Debian's postgresql (needs root), starts a cluster on
# 127.0.0.1 and creates the role and database. Everything except the URL goes to stderr.
set -euo pipefail

PORT="${PGPORT:-5432}"
DB="${EVENTDESK_PG_DB:-eventdesk_test}"
USER_NAME="${EVENTDESK_PG_USER:-eventdesk}"
PASSWORD="${EVENTDESK_PG_PASSWORD:-eventdesk}"
log() { echo "postgres.sh: $*" >&2; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ready() { pg_isready -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; }
URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"

# Already set up (a rerun, or a CI service container): nothing to do.
if command -v psql >/dev/null 2>&1 && psql "$URL" -tAqc "SELECT 1" >/dev/null 2>&1; then
  echo "$URL"
  exit 0
fi

if ! command -v pg_isready >/dev/null 2>&1 || ! ready; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || { log "no server on 127.0.0.1:$PORT and not root: cannot install postgresql"; exit 1; }
    log "installing postgresql from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
  VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION main"; then
    log "creating cluster $VERSION/main"
    pg_createcluster "$VERSION" main -p "$PORT" >&2
  fi
  log "starting cluster $VERSION/main on 127.0.0.1:$PORT"
  pg_ctlcluster "$VERSION" main start -o "-c listen_addresses=127.0.0.1 -c port=$PORT" >&2 || true
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || { log "the server did not come up; see /var/log/postgresql/"; exit 1; }
fi

# Role and database (idempotent). Over the local socket as the postgres superuser.
as_postgres psql -v ON_ERROR_STOP=1 -q -p "$PORT" -d postgres >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
    CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -tAq -p "$PORT" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_postgres createdb -p "$PORT" -O "$USER_NAME" "$DB" >&2
fi

echo "$URL"
