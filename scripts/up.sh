#!/usr/bin/env bash
# One command from a fresh clone to a running Mart: installs dependencies, starts PostgreSQL, Kafka and the
# schema registry, builds, migrates, runs the API and the relay, and loads demo data on an empty database.
# The API and the relay are supervised: one that exits unexpectedly is restarted with backoff, the other keeps
# running. Ctrl-C stops the API and the relay (PostgreSQL, Kafka and the registry keep running: `npm run infra:down`).
#
# `npm run up -- --split` (or MART_SPLIT=1) starts the split deployment instead (scripts/split-deployment.ts): three
# processes of the same build, users+notifications, products+inventory and orders+payments, each on a database of
# its own (the third on a second PostgreSQL cluster), behind Caddy on :$PORT, with the relay.
set -euo pipefail
split="${MART_SPLIT:-}"
for arg in "$@"; do
  case "$arg" in
    --split) split=1 ;;
    *) echo "usage: npm run up [-- --split]" >&2; exit 2 ;;
  esac
done
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
PORT="${PORT:-3000}"

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies"
  npm ci
fi
echo "== starting PostgreSQL, Kafka and the schema registry"
bash scripts/infra.sh up
if [ -n "$split" ]; then
  [ -z "${DATABASE_URL:-}" ] || { echo "--split makes its own databases on the local clusters: unset DATABASE_URL" >&2; exit 2; }
  bash scripts/infra.sh start postgres-b
fi
eval "$(bash scripts/infra.sh env)"
if [ -n "$split" ]; then
  # mart_people, mart_catalog (first cluster) and mart_sales (second), each module signing in as its own role.
  eval "$(tsx scripts/split-deployment.ts env mart)"
  echo "== building the gateway (Caddy)"
  caddy="$(bash scripts/caddy.sh)"
elif [ -z "${DATABASE_URL:-}" ]; then
  export DATABASE_URL="$MART_LOCAL_POSTGRES_URL/mart"
  # Each module and the relay sign in as a role of their own (the migrations make them), not as the owner.
  eval "$(tsx scripts/local-database-env.ts)"
fi
# Secrets of this machine's own, made once and kept out of git: nothing in the repository can sign tokens or open
# the webhook signing secrets stored in the database or the personal data sealed in events.
machine_secret() {
  local file=".cache/secrets/$1"
  if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('$2'))" > "$file")
  fi
  cat "$file"
}
if [ -z "${JWT_SECRET:-}" ]; then
  JWT_SECRET="$(machine_secret jwt-secret hex)"
  export JWT_SECRET
fi
if [ -z "${PERSONAL_DATA_KEY:-}" ]; then
  PERSONAL_DATA_KEY="$(machine_secret personal-data-key base64)"
  export PERSONAL_DATA_KEY
fi
if [ -z "${WEBHOOK_SECRETS_KEY:-}" ]; then
  WEBHOOK_SECRETS_KEY="$(machine_secret webhook-secrets-key base64)"
  export WEBHOOK_SECRETS_KEY
fi
# Readable, coloured lines for a person at this terminal, successful requests out of sight (REQUEST_LOG_LEVEL=debug);
# the production default stays JSON lines with every request.
export LOG_FORMAT="${LOG_FORMAT:-pretty}" REQUEST_LOG_LEVEL="${REQUEST_LOG_LEVEL:-debug}"
echo "== building"
npm run --silent build
echo "== migrating"
node dist/scripts/migrate.js
echo "== Kafka topics and ACLs"
node dist/scripts/kafka-grant.js

mail=""
if [ -z "${SMTP_URL:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  echo "== starting a local mail catcher on :1025 (mail lands in .cache/mail)"
  tsx scripts/dev-mail-catcher.ts &
  mail=$!
fi

# supervise NAME COMMAND...: runs COMMAND and, when it exits with a failure (a crash, a kill), logs it and
# starts it again after 1, 2, 4 … 30 s (back to 1 s after a minute of running). Exit status 0 is a requested
# stop (SIGINT/SIGTERM): the supervisor ends too. SIGTERM to the supervisor stops the command and the supervisor.
supervise() {
  local name="$1" delay=1 started rc child
  shift
  trap 'kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
  while true; do
    started=$SECONDS
    "$@" &
    child=$!
    rc=0
    wait "$child" || rc=$?
    [ "$rc" != 0 ] || exit 0
    if ((SECONDS - started > 60)); then delay=1; fi
    printf '\033[33m== %s exited (status %s); restarting it in %ss\033[0m\n' "$name" "$rc" "$delay" >&2
    sleep "$delay" &
    wait $! || true
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
  done
}

if [ -z "$split" ]; then
  echo "== starting the API on :$PORT and the relay"
  supervise api env MIGRATE_ON_START=false PORT="$PORT" node dist/host/main.js &
  api=$!
else
  echo "== starting users+notifications on :$((PORT + 1)), products+inventory on :$((PORT + 2)), orders+payments on :$((PORT + 3)), the gateway on :$PORT and the relay"
  parts=()
  upstreams=()
  i=0
  for modules in users,notifications products,inventory orders,payments; do
    i=$((i + 1))
    supervise "api[$modules]" env MIGRATE_ON_START=false MART_MODULES="$modules" PORT=$((PORT + i)) METRICS_PORT=$((9464 + i)) \
      TRUST_PROXY=loopback MART_API_URL="http://127.0.0.1:$PORT" node dist/host/main.js &
    parts+=($!)
    upstreams+=("$modules=http://127.0.0.1:$((PORT + i))")
  done
  mkdir -p .cache/split
  tsx scripts/gateway-config.ts caddy "$PORT" "${upstreams[@]}" > .cache/split/Caddyfile
  XDG_DATA_HOME="$PWD/.cache/split" XDG_CONFIG_HOME="$PWD/.cache/split" \
    supervise gateway "$caddy" run --config .cache/split/Caddyfile --adapter caddyfile &
  api="${parts[*]} $!"
fi
supervise relay node dist/relay/main.js &
relay=$!
trap 'kill $api $relay $mail 2>/dev/null; wait $api $relay 2>/dev/null' EXIT INT TERM

ports="$PORT"
[ -z "$split" ] || ports="$((PORT + 1)) $((PORT + 2)) $((PORT + 3)) $PORT"
for port in $ports; do
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:$port/health/ready" > /dev/null 2>&1; then break; fi
    sleep 0.5
  done
  curl -fsS "http://localhost:$port/health/ready" > /dev/null || { echo "the API on :$port is not ready after 60 s" >&2; exit 1; }
done

echo "== loading demo data"
API_URL="http://localhost:$PORT" node dist/scripts/seed.js

cat <<MSG

  Mart is up.
    API           http://localhost:$PORT   (Swagger UI http://localhost:$PORT/docs, spec /openapi.json)
    Kafka         localhost:9092           schema registry (Confluent API) http://localhost:8081
    Metrics       API http://localhost:9463/metrics, relay http://localhost:9464/metrics
    Demo accounts admin@mart.local, customer@mart.local (passwords: shown above when created; or DEMO_ADMIN_PASSWORD)
    Mail          .cache/mail/*.eml (or SMTP_URL)
  The API and the relay restart by themselves if they exit; Ctrl-C stops them.
${split:+  Split: users+notifications :$((PORT + 1)), products+inventory :$((PORT + 2)), orders+payments :$((PORT + 3)) (databases
  mart_people and mart_catalog on the first cluster, mart_sales on the second), Caddy on :$PORT in front.
}
MSG
wait $api $relay
