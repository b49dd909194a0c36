#!/usr/bin/env bash
# One command from a fresh clone to a running Mart: installs dependencies, starts PostgreSQL, Kafka and the
# schema registry, builds, migrates, runs the API and the relay, and loads demo data on an empty database.
# Ctrl-C stops the API and the relay (PostgreSQL, Kafka and the registry keep running: `npm run infra:down`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
PORT="${PORT:-3000}"

if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies"
  npm ci
fi
echo "== starting PostgreSQL, Kafka and the schema registry"
bash scripts/infra.sh up
eval "$(bash scripts/infra.sh env)"
export DATABASE_URL="${DATABASE_URL:-$MART_LOCAL_POSTGRES_URL/mart}"
if [ -z "${JWT_SECRET:-}" ]; then
  # A secret of this machine's own, made once and kept out of git: nothing in the repository can sign tokens.
  secret_file=.cache/secrets/jwt-secret
  if [ ! -s "$secret_file" ]; then
    mkdir -p "$(dirname "$secret_file")"
    (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('hex'))" > "$secret_file")
  fi
  JWT_SECRET="$(cat "$secret_file")"
  export JWT_SECRET
fi
echo "== building"
npm run --silent build
echo "== migrating"
node dist/scripts/migrate.js

mail=""
if [ -z "${SMTP_URL:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  echo "== starting a local mail catcher on :1025 (mail lands in .cache/mail)"
  tsx scripts/dev-mail-catcher.ts &
  mail=$!
fi

echo "== starting the API on :$PORT and the relay"
MIGRATE_ON_START=false PORT="$PORT" node dist/src/main.js &
api=$!
node dist/relay/main.js &
relay=$!
trap 'kill $api $relay $mail 2>/dev/null; wait $api $relay 2>/dev/null' EXIT INT TERM

for _ in $(seq 1 120); do
  if curl -fsS "http://localhost:$PORT/health/ready" > /dev/null 2>&1; then break; fi
  kill -0 $api 2>/dev/null || { echo "the API exited during start-up" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://localhost:$PORT/health/ready" > /dev/null || { echo "the API is not ready after 60 s" >&2; exit 1; }

echo "== loading demo data"
API_URL="http://localhost:$PORT" node dist/scripts/seed.js

cat <<MSG

  Mart is up.
    API           http://localhost:$PORT   (Swagger UI http://localhost:$PORT/docs, spec /openapi.json)
    Kafka         localhost:9092           schema registry http://localhost:8081/apis/ccompat/v7
    Metrics       API http://localhost:9463/metrics, relay http://localhost:9464/metrics
    Demo accounts admin@mart.local / demo-admin-password, customer@mart.local / demo-customer-password
    Mail          .cache/mail/*.eml (or SMTP_URL)
  Ctrl-C stops the API and the relay.

MSG
wait -n $api $relay
