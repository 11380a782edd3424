#!/usr/bin/env bash
# Smoke test of a running Strangler Bookshop (`docker compose up` or `./run-local.sh`): every service of the stage is
# ready, the monolith runs that stage, search finds a seeded book (from stage 3 search-service answers), and a new
# customer registers, signs in, orders a book and finds the welcome and the order confirmation in their inbox (from
# stage 2 they travel through Kafka and notification-service).
#
#   deploy/smoke-test.sh [STAGE]        STAGE defaults to $STAGE, else 0; BASE_URL defaults to http://localhost:8080
# Needs curl and jq. Exits non-zero with the failing step's answer.
set -euo pipefail
stage=${1:-${STAGE:-0}}
base=${BASE_URL:-http://localhost:8080}
host=$(printf '%s' "$base" | sed -E 's#^https?://([^:/]+).*#\1#')
curl_() { curl -sS --max-time 10 "$@"; }
fail() { echo "smoke test FAILED at stage $stage: $*" >&2; exit 1; }

# Ports as in deploy/ports.env: monolith 8080, auth-service 8081 (stage 1+), notification-service 8082 (stage 2+),
# search-service 8083 (stage 3+).
services=("monolith 8080")
[ "$stage" -ge 1 ] && services+=("auth-service 8081")
[ "$stage" -ge 2 ] && services+=("notification-service 8082")
[ "$stage" -ge 3 ] && services+=("search-service 8083")
for entry in "${services[@]}"; do
  set -- $entry
  status=$(curl_ -o /dev/null -w '%{http_code}' "http://$host:$2/q/health/ready" || true)
  [ "$status" = 200 ] || fail "$1 is not ready (GET http://$host:$2/q/health/ready answered '$status')"
  echo "ok   $1 ready"
done

json() { curl_ -H 'Content-Type: application/json' "$@"; }
admin=$(json -X POST "$base/api/auth/login" -d '{"email":"admin@bookshop.local","password":"dev-only-admin-password"}' \
  | jq -r .accessToken)
[ -n "$admin" ] && [ "$admin" != null ] || fail "the demo administrator cannot sign in"
running=$(curl_ -H "Authorization: Bearer $admin" "$base/api/admin/migration" | jq -r .stage)
[ "$running" = "$stage" ] || fail "the monolith runs stage '$running', expected $stage"
echo "ok   monolith runs stage $stage"

found=$(curl_ "$base/api/search?q=war" | jq -r .total)
[ "${found:-0}" -gt 0 ] 2>/dev/null || fail "searching the seeded catalog for 'war' found '$found' books"
echo "ok   search finds $found books for 'war'"

email="smoke-$(date +%s)-$RANDOM@example.org"
json -X POST "$base/api/auth/register" -o /dev/null -w '%{http_code}' \
  -d "{\"email\":\"$email\",\"password\":\"smoke-test-password\",\"displayName\":\"Smoke\"}" | grep -q 201 \
  || fail "registration of $email was refused"
token=$(json -X POST "$base/api/auth/login" -d "{\"email\":\"$email\",\"password\":\"smoke-test-password\"}" \
  | jq -r .accessToken)
[ -n "$token" ] && [ "$token" != null ] || fail "$email cannot sign in"
echo "ok   registered and signed in as $email"

book=$(curl_ "$base/api/books?size=50" | jq -r '[.items[] | select(.stock > 0)][0].id')
[ -n "$book" ] && [ "$book" != null ] || fail "the catalog has no book in stock"
order=$(json -X POST "$base/api/orders" -H "Authorization: Bearer $token" -o /dev/null -w '%{http_code}' \
  -d "{\"items\":[{\"bookId\":\"$book\",\"quantity\":1}]}")
[ "$order" = 201 ] || fail "ordering book $book answered $order"
echo "ok   ordered book $book"

for _ in $(seq 1 30); do
  kinds=$(curl_ -H "Authorization: Bearer $token" "$base/api/notifications" | jq -r '[.items[].kind] | sort | join(",")' || true)
  [ "$kinds" = "ORDER_PLACED,WELCOME" ] && { echo "ok   inbox has the welcome and the order confirmation"; exit 0; }
  sleep 1
done
fail "after 30 s the inbox holds '$kinds', expected ORDER_PLACED and WELCOME"
