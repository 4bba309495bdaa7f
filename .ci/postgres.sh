#!/usr/bin/env bash
# Source this: starts a throwaway PostgreSQL on loopback for the tests (installing Debian's package if
# missing), exports LANTIAN_TEST_PG_URL, and stops it and deletes its data when the shell exits.
#   . .ci/postgres.sh        (then mvn -B test, or lantian serve --db "$LANTIAN_TEST_PG_URL")
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$pg_bin" ]; then
  echo "postgres.sh: installing PostgreSQL (Debian package)" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
fi
pg_data="$(mktemp -d /tmp/lantian-pg.XXXXXX)"
pg_port="${LANTIAN_PG_PORT:-55432}"
pg_as=()
if [ "$(id -u)" = 0 ]; then   # initdb refuses to run as root: the package's postgres user runs the server
  chown postgres "$pg_data"
  pg_as=(runuser -u postgres --)
fi
"${pg_as[@]}" "$pg_bin/initdb" -D "$pg_data/db" -U lantian -A trust -E UTF8 --no-locale >"$pg_data/initdb.log" 2>&1 \
  || { cat "$pg_data/initdb.log" >&2; return 1 2>/dev/null || exit 1; }
# Settings of a server that takes a steady stream of inserts (docs/performance.md, "Service"). With the
# default 128 MB of shared buffers the backends soon evict dirty pages to the kernel, which writes them back
# in a burst once they are 30 s old, and the commits' WAL flushes wait behind it. More buffers keep the
# pages in the server until a checkpoint writes them in flushed steps; backend_flush_after has the kernel
# write at once what the backends do evict. LANTIAN_PG_OPTS adds or overrides settings (e.g.
# "-c log_min_duration_statement=50").
pg_opts="-c shared_buffers=512MB -c backend_flush_after=256kB ${LANTIAN_PG_OPTS:-}"
"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data/db" -l "$pg_data/server.log" -w -o \
  "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c max_connections=200 $pg_opts" start >/dev/null \
  || { cat "$pg_data/server.log" >&2; return 1 2>/dev/null || exit 1; }
"$pg_bin/psql" -q -h 127.0.0.1 -p "$pg_port" -U lantian -d postgres -c "CREATE DATABASE lantian" >/dev/null
export LANTIAN_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/lantian?user=lantian"
echo "postgres.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port ($pg_data)" >&2
pg_stop() {
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data/db" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_data"
}
trap pg_stop EXIT
