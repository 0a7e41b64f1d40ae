#!/usr/bin/env bash
# Measures the plan dashboard at city scale with wrk against 127.0.0.1 (docs/benchmarks.md).
#   bash tests/benchmarks/dashboard.sh            # generate data if missing, then measure
# Env: PDO_BENCH_DATA (data folder, default /tmp/pdo-bench), PDO_BENCH_PORT (default 5099),
#      PDO_BENCH_SECONDS (wrk duration, default 20), PDO_BENCH_WARMUP (seconds of load before measuring "warm",
#      default 20: the JIT's tiered compilation settles), PDO_BENCH_CHANGES (changes timed, default 50),
#      PDO_BENCH_PROVIDERS (the databases measured one after the other in one run, default "Sqlite";
#      "Sqlite PostgreSql" side by side: PostgreSQL on a throwaway server started by .ci/postgres),
#      PDO_BENCH_YEARS (generated years, default 10; the last one, in monitoring, is measured).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${PDO_BENCH_DATA:-/tmp/pdo-bench}
PORT=${PDO_BENCH_PORT:-5099}
SECONDS_RUN=${PDO_BENCH_SECONDS:-20}
CHANGES=${PDO_BENCH_CHANGES:-50}
WARMUP=${PDO_BENCH_WARMUP:-20}
BASE="http://127.0.0.1:$PORT"
YEARS=${PDO_BENCH_YEARS:-10}
YEAR=$((2020 + YEARS - 1))
PROVIDERS=${PDO_BENCH_PROVIDERS:-Sqlite}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build src/Pdo.Web -c Release -nologo -clp:ErrorsOnly
APP="src/Pdo.Web/bin/Release/net10.0/Pdo.Web.dll"
export ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning Reports__PrepareApproved=false # the one-off rendering of approved plans' PDFs after a start is not part of this benchmark
APP_PID=""
source .ci/postgres
trap '[ -z "$APP_PID" ] || kill $APP_PID 2>/dev/null || true; stop_test_postgres' EXIT

measure() {
PROVIDER=$1
echo "######## $PROVIDER"
export Database__Provider="$PROVIDER" Database__DataDirectory="$DATA/$PROVIDER"
if [ "$PROVIDER" = PostgreSql ]; then
  # A new database on a throwaway server each run (migrated by the app at its first start): generated every time.
  [ -n "${PDO_TEST_POSTGRES:-}" ] || start_test_postgres
  export Database__MigrateAtStartup=true ConnectionStrings__PostgreSql="${PDO_TEST_POSTGRES/Database=postgres/Database=pdo_bench_$$}"
fi
if [ "$PROVIDER" = PostgreSql ] || [ ! -f "$DATA/$PROVIDER/pdo.db" ]; then
  echo "Generating $YEARS years x 2,000 objectives x 10,000 KPIs into $PROVIDER ($DATA/$PROVIDER) …"
  time dotnet "$APP" genera-dati --dal 2020 --anni "$YEARS" --obiettivi 2000 --kpi 10000 >/dev/null
fi

dotnet "$APP" --urls "$BASE" --contentRoot "$PWD/src/Pdo.Web" >"/tmp/pdo-bench-app-$PROVIDER.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs "$BASE/health" >/dev/null && break; sleep 1; done

JAR=$(mktemp)
token() { curl -s -b "$JAR" -c "$JAR" "$1" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n '1{s/.*value="//;s/"$//;p}'; }
T=$(token "$BASE/accesso")
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "Email=pianificazione@pdo.local" --data-urlencode "Password=Demo-Pdo-2019!" \
  --data-urlencode "__RequestVerificationToken=$T" "$BASE/accesso"
COOKIE=$(awk '$6 ~ /^Pdo\./ {printf "%s=%s; ", $6, $7}' "$JAR")

URL="$BASE/piani/$YEAR/cruscotto"
echo "Cold first request: $(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$URL") s"
GZ="Accept-Encoding: gzip" # what every browser sends (it also sends br, zstd, deflate)
echo "Page size: $(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" "$URL") bytes, $(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" -H "$GZ" "$URL") gzip" \
  "(Direzione: $(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $COOKIE" "$URL?direzione=CASA") bytes)"
echo "== warm-up: ${WARMUP}s of load on each page measured (not recorded)"
wrk -t2 -c32 -d"${WARMUP}s" -H "Cookie: $COOKIE" -H "$GZ" "$URL" >/dev/null
wrk -t2 -c32 -d"$((WARMUP / 4 + 1))s" -H "Cookie: $COOKIE" "$URL" >/dev/null
wrk -t2 -c32 -d"$((WARMUP / 4 + 1))s" -H "Cookie: $COOKIE" -H "$GZ" "$URL?direzione=CASA" >/dev/null
LINES="Latency|50%|99%|Requests/sec|Non-2xx|Socket errors"
echo "== warm, as a browser asks ($GZ): wrk -t2 -c32 -d${SECONDS_RUN}s --latency $URL"
wrk -t2 -c32 -d"${SECONDS_RUN}s" --latency -H "Cookie: $COOKIE" -H "$GZ" "$URL"
echo "Page size after the run: $(curl -s -o /dev/null -w "%{size_download}" -H "Cookie: $COOKIE" -H "$GZ" "$URL") bytes gzip"
echo "== warm, uncompressed (a client that does not accept gzip)"
wrk -t2 -c32 -d"${SECONDS_RUN}s" --latency -H "Cookie: $COOKIE" "$URL" | grep -E "$LINES"
echo "== one connection (latency of a single user): wrk -t1 -c1"
wrk -t1 -c1 -d"${SECONDS_RUN}s" --latency -H "Cookie: $COOKIE" -H "$GZ" "$URL" | grep -E "$LINES"
echo "== baseline on the same machine: a static file at 32 connections"
wrk -t2 -c32 -d"${SECONDS_RUN}s" --latency "$BASE/css/site.css" | grep -E "$LINES"
echo "== filtered by Direzione: $URL?direzione=CASA"
wrk -t2 -c32 -d"${SECONDS_RUN}s" --latency -H "Cookie: $COOKIE" -H "$GZ" "$URL?direzione=CASA" | grep -E "$LINES"

echo "== first request after a change of a result ($CHANGES changes)"
FORM="$BASE/piani/$YEAR/obiettivi/G0001/risultati?periodo=FIN"
TIMES=()
for i in $(seq 1 "$CHANGES"); do
  PAGE=$(curl -s -b "$JAR" -c "$JAR" "$FORM")
  # (sed reads to the end: with pipefail, an early "head" could kill grep by SIGPIPE and stop the script;
  #  a KPI without a result yet has no Version field)
  T=$(echo "$PAGE" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n '1{s/.*value="//;s/"$//;p}')
  KPI=$(echo "$PAGE" | grep -o 'name="Lines\[0\].KpiId" value="[0-9]*"' | sed -n '1{s/.*value="//;s/"$//;p}')
  VER=$(echo "$PAGE" | grep -o 'name="Lines\[0\].Version" value="[^"]*"' | sed -n '1{s/.*value="//;s/"$//;p}' || true)
  STATUS=$(curl -s -b "$JAR" -c "$JAR" -o /dev/null -w '%{http_code}' --data-urlencode "__RequestVerificationToken=$T" --data-urlencode "Period=FIN" \
    --data-urlencode "Command=salva" --data-urlencode "Lines[0].KpiId=$KPI" --data-urlencode "Lines[0].Version=$VER" \
    --data-urlencode "Lines[0].Actual=$((70 + i % 30))%" --data-urlencode "Lines[0].Justification=Prova di carico" "$BASE/piani/$YEAR/obiettivi/G0001/risultati")
  [ "$STATUS" = 302 ] || { echo "change $i was not saved (HTTP $STATUS): the timing would not follow a change"; exit 1; }
  TIMES+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $COOKIE" "$URL")")
done
printf '%s\n' "${TIMES[@]}" | python3 -c '
import sys
t = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
p = lambda q: t[min(len(t) - 1, int(round(q * (len(t) - 1))))]
print(f"after-change requests: n={len(t)} p50={p(0.5):.1f} ms p90={p(0.9):.1f} ms p99={p(0.99):.1f} ms max={t[-1]:.1f} ms")'
kill "$APP_PID" 2>/dev/null || true
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
}

for provider in $PROVIDERS; do
  measure "$provider"
done
