# Sourced by .ci/run: start a PostgreSQL server on loopback for the store's tests and
# export ADVISOR_TEST_DATABASE_URL. Best effort: where this machine cannot have one,
# say so and leave the variable unset (those tests then skip with a reason).
start_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || return 1
    timeout 300 apt-get update -qq >/dev/null 2>&1 || return 1
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y -qq postgresql >/dev/null 2>&1 || return 1
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null || return 1
  pg_ctlcluster "$version" main start >/dev/null 2>&1 || pg_lsclusters -h | grep -q online || return 1
  su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN CREATE ROLE advisor LOGIN SUPERUSER PASSWORD 'advisor'; EXCEPTION WHEN duplicate_object THEN NULL; END \\\$\\\$;\"" >/dev/null || return 1
  su postgres -c "dropdb --if-exists advisor_ci && createdb -O advisor advisor_ci" >/dev/null 2>&1 || return 1
  export ADVISOR_TEST_DATABASE_URL="postgresql+psycopg://advisor:advisor@127.0.0.1:5432/advisor_ci"
}

if start_postgres; then
  echo "PostgreSQL on loopback: the store's tests run against it too"
else
  echo "PostgreSQL could not be started here: the store's PostgreSQL tests will skip"
fi
