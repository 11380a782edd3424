#!/usr/bin/env bash
# The operator's command for moving auth-service's accounts from the monolith's database to its own (README, "Moving
# the accounts"). Calls auth-service's admin endpoints (its HTTP port, reached from the internal network only). The
# phase itself is auth-service's setting BOOKSHOP_AUTH_ACCOUNTS_PHASE (legacy, dual-write, read-own, write-own),
# changed by a rolling restart; these commands run in the phases that write both databases.
#
#   deploy/accounts-move.sh status          the phase, where reads go, which database is the record
#   deploy/accounts-move.sh sync [LIMIT]    copy every account either database lacks (at most LIMIT each way)
#   deploy/accounts-move.sh verify          compare both, account by account; exit 1 on a difference
#
# AUTH_ADMIN_URL defaults to http://localhost:8081. Needs curl and jq. Safe to interrupt and to run again: accounts are
# never updated, and sync never overwrites a row.
set -euo pipefail
shopt -s inherit_errexit # a failing call inside $(...) ends the command too
base=${AUTH_ADMIN_URL:-http://localhost:8081}
# shellcheck source=admin-call.sh
source "$(dirname "$0")/admin-call.sh"

case "${1:-}" in
  status) call GET /admin/accounts/move | jq . ;;
  sync)
    if [ -n "${2:-}" ] && ! [[ $2 =~ ^[1-9][0-9]{0,17}$ ]]; then
      echo "LIMIT must be a whole number of accounts from 1 to 18 digits long (not '$2')" >&2; exit 64
    fi
    call POST "/admin/accounts/move/sync${2:+?limit=$2}" | jq . ;;
  verify)
    report=$(call GET /admin/accounts/move/verify)
    jq . <<<"$report"
    [ "$(jq -r .identical <<<"$report")" = true ] ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 64 ;;
esac
