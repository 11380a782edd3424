#!/usr/bin/env bash
# A canary ramp on a running stage 3 or later (`./run-local.sh --stage 3` or `STAGE=3 docker compose up`): moves search
# to canary:1, canary:10, canary:50 and service, sends the same distinct searches at each step and prints what the
# strangler counted (strangler_route_total, strangler_fallback_total, as at /q/metrics). The route a caller gets is
# sticky per query: the same query lands on the same side at every step that still includes it.
#
#   deploy/canary-ramp.sh [SEARCHES]    SEARCHES per step, default 400; BASE_URL defaults to http://localhost:8080
# Needs curl and jq. Restores the route it found.
set -euo pipefail
searches=${1:-400}
base=${BASE_URL:-http://localhost:8080}
curl_() { curl -sS --max-time 10 "$@"; }
admin=$(curl_ -H 'Content-Type: application/json' -X POST "$base/api/auth/login" \
  -d '{"email":"admin@bookshop.local","password":"dev-only-admin-password"}' | jq -r .accessToken)
[ -n "$admin" ] && [ "$admin" != null ] || { echo "the demo administrator cannot sign in" >&2; exit 1; }
route() { curl_ -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -X PUT \
  "$base/api/admin/migration" -d "{\"routes\":{\"search\":\"$1\"}}"; }
counter() { # name, label filter: the sum over the monolith's series (0 before the first one counted)
  curl_ "$base/q/metrics" | { grep "^$1{" || true; } | { grep "$2" || true; } | awk '{ s += $2 } END { printf "%d", s }'; }
found=$(curl_ -H "Authorization: Bearer $admin" "$base/api/admin/migration" | jq -r .routes.search)
trap 'route "$found"' EXIT

printf '%-12s %10s %10s %10s %10s %12s\n' route searches monolith service "% service" fallbacks
for step in canary:1 canary:10 canary:50 service; do
  route "$step"
  m0=$(counter strangler_route_total 'capability="search".*side="monolith"')
  s0=$(counter strangler_route_total 'capability="search".*side="service"')
  f0=$(counter strangler_fallback_total 'capability="search"')
  failed=0
  for i in $(seq 1 "$searches"); do
    status=$(curl_ -o /dev/null -w '%{http_code}' "$base/api/search?q=war+$i") || status=000
    [ "$status" = 200 ] || failed=$((failed + 1))
  done
  m=$(( $(counter strangler_route_total 'capability="search".*side="monolith"') - m0 ))
  s=$(( $(counter strangler_route_total 'capability="search".*side="service"') - s0 ))
  f=$(( $(counter strangler_fallback_total 'capability="search"') - f0 ))
  printf '%-12s %10d %10d %10d %10.1f %12d\n' "$step" "$searches" "$m" "$s" "$(awk -v s="$s" -v n="$searches" 'BEGIN { print 100 * s / n }')" "$f"
  [ "$failed" = 0 ] || { echo "$failed searches did not answer 200 at $step" >&2; exit 1; }
done
