#!/bin/sh
# Demo load for docker compose (--profile demo): a paced stream of approved authorizations through the REST
# ingest, with a mix of currencies (FX), MCCs, cards and about 2 % business duplicates (same card, amount and
# RRN under a new id). Needs POSTLINE_TOKEN: export POSTLINE_TOKEN=$(./local-stack/token.sh) before compose up.
set -eu
url="${POSTLINE_INGEST_URL:-http://auth-ingest-service:8080}"
rate="${POSTLINE_DEMO_RATE:-20}"          # authorizations per second
count="${POSTLINE_DEMO_COUNT:-100000}"    # then stop
if [ -z "${POSTLINE_TOKEN:-}" ]; then
  echo "POSTLINE_TOKEN is not set: run 'export POSTLINE_TOKEN=\$(./local-stack/token.sh)' and start again" >&2
  exit 2
fi
pause=$(awk "BEGIN { printf \"%.4f\", 1 / $rate }")
run=$(date +%s)
day=$(date -u +%Y-%m-%dT)
i=0; sent=0; failed=0
while [ "$i" -lt "$count" ]; do
  i=$((i + 1))
  n=$i
  # every 50th repeats the previous one's business fields under a new id: dedup parks it
  [ $((i % 50)) -eq 0 ] && n=$((i - 1))
  card=$(printf 'CTK%06d' $(( (n * 7919) % 560 + 1 )))
  case $((n % 10)) in
    0) cur=EUR; amt=$(( (n * 37) % 90000 + 100 )) ;;
    1) cur=USD; amt=$(( (n * 53) % 40000 + 100 )) ;;
    *) cur=GBP; amt=$(( (n * 31) % 20000 + 50 )) ;;
  esac
  case $((n % 4)) in 0) mcc=5411 ;; 1) mcc=5814 ;; 2) mcc=5999 ;; *) mcc=4111 ;; esac
  second=$((n % 86400))
  time=$(printf '%s%02d:%02d:%02dZ' "$day" $((second / 3600)) $((second / 60 % 60)) $((second % 60)))
  body=$(printf '{"authorizationId":"DEMO-%s-%07d","sourceId":"pos-switch","cardToken":"%s","acquirerId":"40001234","merchant":{"merchantId":"M-%05d","name":"Demo Merchant","mcc":"%s","city":"London","country":"GB"},"amount":{"amountMinor":%d,"currency":"%s"},"stan":"%06d","rrn":"%012d","approvalCode":"A%05d","transmissionTime":"%s"}' \
    "$run" "$i" "$card" $((n % 997)) "$mcc" "$amt" "$cur" $((n % 1000000)) \
    $(( (run % 100000) * 10000000 + n % 10000000 )) $((n % 100000)) "$time")
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$url/v1/authorizations" \
    -H "Authorization: Bearer $POSTLINE_TOKEN" -H 'Content-Type: application/json' -d "$body" || echo 000)
  if [ "$code" = 202 ]; then sent=$((sent + 1)); else failed=$((failed + 1)); fi
  [ $((i % 500)) -eq 0 ] && echo "sent $sent, failed $failed"
  sleep "$pause"
done
echo "done: sent $sent, failed $failed"
