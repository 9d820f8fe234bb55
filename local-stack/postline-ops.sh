#!/bin/sh
# Operator commands for replay and recovery (docs/operations.md, "Replay and recovery").
# Needs curl. Token: $POSTLINE_TOKEN, else a dev token from ./local-stack/token.sh (local stack only).
# Hosts: $POSTLINE_HOST (localhost); ports are the local stack's, or set POSTLINE_<SERVICE>_URL.
set -eu
cd "$(dirname "$0")/.."

usage() {
  cat >&2 <<'USAGE'
usage: local-stack/postline-ops.sh <command> [arguments]

  dead-letters <stage> [authorizationId=ID] [reason=TEXT]       list a stage's dead letters
  replay-dead-letters <stage> (all=true | authorizationId=ID | reason=TEXT) --by NAME --why TEXT
                                                                 send them back to their topic, marked as replays
  redrive <authorizationId> --by NAME --why TEXT                 re-drive one authorization from the start
  redrive-range <from> <to> [status=S ...] --by NAME --why TEXT  re-drive those received in [from, to)
                                                                 (ISO 8601 instants; default statuses: still unposted)

  <stage>: dedup, standardizer, enrichment, rules, posting, reconciliation
USAGE
  exit 2
}

host=${POSTLINE_HOST:-localhost}
url_of() {
  case "$1" in
    ingest) echo "${POSTLINE_INGEST_URL:-http://$host:8080}" ;;
    dedup) echo "${POSTLINE_DEDUP_URL:-http://$host:8081}" ;;
    standardizer) echo "${POSTLINE_STANDARDIZER_URL:-http://$host:8082}" ;;
    enrichment) echo "${POSTLINE_ENRICHMENT_URL:-http://$host:8083}" ;;
    rules) echo "${POSTLINE_RULES_URL:-http://$host:8084}" ;;
    posting) echo "${POSTLINE_POSTING_URL:-http://$host:8085}" ;;
    reconciliation) echo "${POSTLINE_RECONCILIATION_URL:-http://$host:8086}" ;;
    *) echo "unknown stage: $1" >&2; usage ;;
  esac
}
token=${POSTLINE_TOKEN:-$(./local-stack/token.sh "operations:read operations:write")}

# Splits the remaining arguments into query parameters (name=value; spaces are encoded, other reserved
# characters must be percent-encoded by the caller) and --by / --why.
query=""; by=""; why=""
parse() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --by) by=$2; shift 2 ;;
      --why) why=$2; shift 2 ;;
      *=*) query="$query&$(printf '%s' "$1" | sed 's/ /%20/g')"; shift ;;
      *) echo "unexpected argument: $1" >&2; usage ;;
    esac
  done
}
need_who() { [ -n "$by" ] && [ -n "$why" ] || { echo "--by and --why are required: every action is audited" >&2; exit 2; }; }
call() { # method url
  curl -sS --fail-with-body -X "$1" "$2" -H "Authorization: Bearer $token" \
       ${by:+-H "X-Changed-By: $by"} ${why:+-H "X-Change-Reason: $why"}
  echo
}

[ $# -ge 1 ] || usage
command=$1; shift
case "$command" in
  dead-letters)
    [ $# -ge 1 ] || usage; stage=$1; shift; parse "$@"
    call GET "$(url_of "$stage")/v1/dead-letters?limit=1000$query" ;;
  replay-dead-letters)
    [ $# -ge 1 ] || usage; stage=$1; shift; parse "$@"; need_who
    call POST "$(url_of "$stage")/v1/dead-letters/replay?${query#&}" ;;
  redrive)
    [ $# -ge 1 ] || usage; id=$1; shift; parse "$@"; need_who
    call POST "$(url_of reconciliation)/v1/reconciliation/items/$id/redrive" ;;
  redrive-range)
    [ $# -ge 2 ] || usage; from=$1; to=$2; shift 2; parse "$@"; need_who
    call POST "$(url_of reconciliation)/v1/reconciliation/redrive?from=$from&to=$to$query" ;;
  *) usage ;;
esac
