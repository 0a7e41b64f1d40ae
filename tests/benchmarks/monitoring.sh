#!/usr/bin/env bash
# The monitoring board and the result POST at city scale (docs/benchmarks.md, "Monitoring board" and "Writes").
#   bash tests/benchmarks/monitoring.sh
# Env: PDO_BENCH_DATA (data folder, default /tmp/pdo-bench-monitoring: one generated year, 2,000 objectives and 10,000
#      KPIs, in monitoring, made when missing), PDO_BENCH_PORT (default 5098), PDO_BENCH_SECONDS (each run, default 10),
#      PDO_BENCH_WRITERS (default 8), PDO_BENCH_WARMUP (seconds the writers run unmeasured first, default 30: a fresh
#      process is still compiling its hot code at full optimisation for the first 20–30 s of such a load). SQLite only.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${PDO_BENCH_DATA:-/tmp/pdo-bench-monitoring}
PORT=${PDO_BENCH_PORT:-5098}
SECONDS_RUN=${PDO_BENCH_SECONDS:-10}
WRITERS=${PDO_BENCH_WRITERS:-8}
WARMUP=${PDO_BENCH_WARMUP:-30}
BASE="http://127.0.0.1:$PORT"
YEAR=2020
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

dotnet build tests/Pdo.Benchmarks -c Release -nologo -clp:ErrorsOnly
APP="src/Pdo.Web/bin/Release/net10.0/Pdo.Web.dll"
export ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning Database__DataDirectory="$DATA" Reports__PrepareApproved=false # the one-off rendering of approved plans' PDFs after a start is not part of this benchmark
if [ ! -f "$DATA/pdo.db" ]; then
  echo "Generating 1 year x 2,000 objectives x 10,000 KPIs into $DATA …"
  time dotnet "$APP" genera-dati --dal "$YEAR" --anni 1 --obiettivi 2000 --kpi 10000 >/dev/null
fi

dotnet "$APP" --urls "$BASE" --contentRoot "$PWD/src/Pdo.Web" >/tmp/pdo-bench-monitoring-app.log 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "$BASE/health" >/dev/null && break; sleep 1; done

JAR=$(mktemp)
T=$(curl -s -b "$JAR" -c "$JAR" "$BASE/accesso" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n '1{s/.*value="//;s/"$//;p}')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "Email=pianificazione@pdo.local" --data-urlencode "Password=Demo-Pdo-2019!" \
  --data-urlencode "__RequestVerificationToken=$T" "$BASE/accesso"
COOKIE=$(awk '$6 ~ /^Pdo\./ {printf "%s=%s; ", $6, $7}' "$JAR")
LINES="Latency|50%|90%|99%|Requests/sec|Non-2xx|Socket errors"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for URL in "$BASE/piani/$YEAR/monitoraggio" "$BASE/piani/$YEAR/monitoraggio?direzione=CASA&pagina=2" "$BASE/piani/2019/monitoraggio" "$BASE/css/site.css"; do
  echo "== $URL: first request $(curl -s -o /dev/null -w '%{time_total} s, %{size_download} bytes' -H "Cookie: $COOKIE" "$URL")"
  wrk -t1 -c1 -d"$((SECONDS_RUN / 2 + 1))s" -H "Cookie: $COOKIE" "$URL" >/dev/null # warm-up (JIT)
  wrk -t1 -c1 -d"${SECONDS_RUN}s" --latency -H "Cookie: $COOKIE" "$URL" | grep -E "$LINES"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $WRITERS writers on distinct KPIs of plan $YEAR (period FIN)"
dotnet tests/Pdo.Benchmarks/bin/Release/net10.0/Pdo.Benchmarks.dll --writes "$BASE" "$YEAR" "$WRITERS" "$SECONDS_RUN" FIN "$WARMUP"
