#!/usr/bin/env bash
# First dashboard of a plan after a restart, on the generated 10-year database (docs/benchmarks.md, "Cold start").
#   bash tests/benchmarks/coldstart.sh [APP_DLL]   # default: the Release build of src/Pdo.Web
# For each plan year asked (PDO_BENCH_YEARS, default "2019 2029"): start the portal, sign in, time the first request
# of the plan's dashboard, of a static file just before it (the reference), then stop the portal. Repeated
# PDO_BENCH_REPEAT times (default 3). Env: PDO_BENCH_DATA (default /tmp/pdo-bench), PDO_BENCH_PORT (default 5099).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${PDO_BENCH_DATA:-/tmp/pdo-bench}
PORT=${PDO_BENCH_PORT:-5099}
YEARS=${PDO_BENCH_YEARS:-"2019 2029"}
REPEAT=${PDO_BENCH_REPEAT:-3}
BASE="http://127.0.0.1:$PORT"
APP=${1:-}
if [ -z "$APP" ]; then
  dotnet build src/Pdo.Web -c Release -nologo -clp:ErrorsOnly
  APP="src/Pdo.Web/bin/Release/net10.0/Pdo.Web.dll"
fi
[ -f "$DATA/pdo.db" ] || { echo "No database in $DATA: run tests/benchmarks/dashboard.sh (or genera-dati) first"; exit 1; }
export ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$DATA" Serilog__MinimumLevel__Default=Warning Reports__PrepareApproved=false # the one-off rendering of approved plans' PDFs after a start is not part of this benchmark
for _ in $(seq 1 "$REPEAT"); do
  for YEAR in $YEARS; do
    dotnet "$APP" --urls "$BASE" --contentRoot "$PWD/src/Pdo.Web" >/tmp/pdo-bench-cold.log 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do curl -fs "$BASE/health" >/dev/null && break; sleep 0.5; done
    JAR=$(mktemp)
    T=$(curl -s -b "$JAR" -c "$JAR" "$BASE/accesso" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n '1{s/.*value="//;s/"$//;p}')
    curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "Email=pianificazione@pdo.local" --data-urlencode "Password=Demo-Pdo-2019!" \
      --data-urlencode "__RequestVerificationToken=$T" "$BASE/accesso"
    STATIC=$(curl -s -o /dev/null -w '%{time_total}' "$BASE/css/site.css")
    FIRST=$(curl -s -b "$JAR" -o /dev/null -w '%{http_code} %{time_total}' "$BASE/piani/$YEAR/cruscotto")
    SECOND=$(curl -s -b "$JAR" -o /dev/null -w '%{time_total}' "$BASE/piani/$YEAR/cruscotto")
    LIST=$(curl -s -b "$JAR" -o /dev/null -w '%{time_total}' "$BASE/piani")
    echo "plan $YEAR: first dashboard ${FIRST#* } s (HTTP ${FIRST%% *}), second ${SECOND} s, plan list right after ${LIST} s, static file ${STATIC} s"
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
    rm -f "$JAR"
  done
done
