# Sourced by the operator's commands (search-copy.sh, accounts-move.sh): one call to a service's admin endpoint.
# call METHOD PATH prints the body; no answer ends the command with exit 3, a problem+json answer (status >= 400) is
# printed to stderr and ends it with exit 2. Needs $base (the service's admin URL), curl and jq.
call() {
  local body status
  body=$(curl -sS --globoff --max-time 600 -X "$1" -w '\n%{http_code}' "$base$2") || { echo "$1 $2: no answer" >&2; exit 3; }
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  if [ "$status" -ge 400 ]; then
    echo "$1 $2 answered $status: $(jq -r '.detail // .title' <<<"$body" 2>/dev/null || echo "$body")" >&2
    exit 2
  fi
  printf '%s\n' "$body"
}
