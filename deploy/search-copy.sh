#!/usr/bin/env bash
# The operator's command for search-service's own index (stage 4): fill it from the catalog, check it against the
# catalog, mend it. Calls search-service's admin endpoints (its HTTP port, reached from the internal network only).
#
#   deploy/search-copy.sh backfill [PAGES]   start or resume the backfill (at most PAGES pages), wait for it, print it
#   deploy/search-copy.sh status             the backfill's checkpoint
#   deploy/search-copy.sh reconcile          counts and per-book checksums, catalog vs index; exit 1 on a difference
#   deploy/search-copy.sh repair             reconcile, then rewrite or remove every differing book
#   deploy/search-copy.sh lag                the index lag (seconds and records behind the catalog's events)
#
# SEARCH_ADMIN_URL defaults to http://localhost:8083. Needs curl and jq. Safe to interrupt and to run again: the
# backfill resumes from its checkpoint, and every write is by the book's version.
set -euo pipefail
shopt -s inherit_errexit # a failing call inside $(...) ends the command too
base=${SEARCH_ADMIN_URL:-http://localhost:8083}
# shellcheck source=admin-call.sh
source "$(dirname "$0")/admin-call.sh"

case "${1:-}" in
  backfill)
    call POST "/admin/copy/backfill${2:+?maxPages=$2}" >/dev/null
    while :; do
      state=$(call GET /admin/copy/backfill)
      jq -r '"pages \(.progress.pages // 0), books \(.progress.books // 0), applied \(.progress.applied // 0)"' <<<"$state"
      if [ "$(jq -r .running <<<"$state")" = false ]; then
        failure=$(jq -r '.lastFailure // empty' <<<"$state")
        [ -z "$failure" ] || { echo "backfill stopped: $failure (run again to resume)" >&2; exit 1; }
        jq -r 'if .progress.finishedAt? then "finished at \(.progress.finishedAt)" else "paused (run again to resume)" end' <<<"$state"
        exit 0
      fi
      sleep 2
    done ;;
  status) call GET /admin/copy/backfill | jq . ;;
  reconcile)
    report=$(call GET /admin/copy/reconciliation)
    jq . <<<"$report"
    [ "$(jq -r .differences <<<"$report")" = 0 ] ;;
  repair) call POST /admin/copy/reconciliation/repair | jq . ;;
  lag) call GET /admin/copy/lag | jq . ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
esac
