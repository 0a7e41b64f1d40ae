#!/usr/bin/env bash
# Open-data files of an approved 10,000-KPI plan (docs/benchmarks.md, "Open data"), side by side in one run with the
# 35-KPI 2019 plan's CSV and a static file.
#   bash tests/benchmarks/opendata.sh [APP_DLL]   # default: the Release build of src/Pdo.Web
# Generates, when missing, 2 years x 2,000 objectives x 10,000 KPIs from 2020 (2020 approved, 2021 in monitoring) into
# PDO_BENCH_DATA (default /tmp/pdo-bench-opendata); starts the portal, times the first request of each file (builds it
# from the plan's snapshot), then PDO_BENCH_REQUESTS (default 20) requests of each in turn, and prints the median and
# the worst. Env: PDO_BENCH_YEAR (the approved plan measured, default 2020), PDO_BENCH_PORT (default 5099).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${PDO_BENCH_DATA:-/tmp/pdo-bench-opendata}
PORT=${PDO_BENCH_PORT:-5099}
YEAR=${PDO_BENCH_YEAR:-2020}
REQUESTS=${PDO_BENCH_REQUESTS:-20}
BASE="http://127.0.0.1:$PORT"
APP=${1:-}
if [ -z "$APP" ]; then
  dotnet build src/Pdo.Web -c Release -nologo -clp:ErrorsOnly
  APP="src/Pdo.Web/bin/Release/net10.0/Pdo.Web.dll"
fi
export ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$DATA" Serilog__MinimumLevel__Default=Warning Reports__PrepareApproved=false # the one-off rendering of approved plans' PDFs after a start is not part of this benchmark
mkdir -p "$DATA"
if [ ! -f "$DATA/pdo.db" ]; then
  echo "Generating 2 years x 2,000 objectives x 10,000 KPIs into $DATA …"
  dotnet "$APP" genera-dati --dal 2020 --anni 2 --obiettivi 2000 --kpi 10000 >/dev/null
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$APP" --urls "$BASE" --contentRoot "$PWD/src/Pdo.Web" >/tmp/pdo-bench-opendata-app.log 2>&1 &
APP_PID=$!
trap 'kill $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -fs "$BASE/health" >/dev/null && break; sleep 0.5; done

time_of() { curl -s -o /dev/null -w '%{time_total}' "$BASE$1"; }
FILES=("/css/site.css" "/opendata/pdo-2019.csv" "/opendata/pdo-$YEAR.csv" "/opendata/pdo-$YEAR-excel.csv" "/opendata/pdo-$YEAR.json")
for F in "${FILES[@]}"; do
  echo "first $F: $(curl -s -o /dev/null -w '%{http_code} %{size_download} bytes %{time_total} s' "$BASE$F")"
done
declare -A SAMPLES
for _ in $(seq 1 "$REQUESTS"); do
  for F in "${FILES[@]}"; do SAMPLES[$F]+="$(time_of "$F") "; done
done
for F in "${FILES[@]}"; do
  echo "${SAMPLES[$F]}" | tr ' ' '\n' | grep -v '^$' | sort -n | awk -v f="$F" '{a[NR]=$1} END {printf "%-34s median %.4f s, worst %.4f s (%d requests)\n", f, a[int((NR+1)/2)], a[NR], NR}'
done
