#!/usr/bin/env bash
# The consuntivo PDF of a 2,000-objective approved year through the real portal (docs/benchmarks.md, "PDF at city scale"):
# the first download (rendered and kept on disk) with the portal's memory, then the kept file again, a conditional
# request (304) and a static file of the same portal as the baseline, all in one run.
#   bash tests/benchmarks/pdf.sh
# Env: PDO_BENCH_PDF_DATA (data folder, default /tmp/pdo-bench-pdf; generated when missing: 2020 approved, 2021 in
#      monitoring, 2,000 objectives and 10,000 KPIs each), PDO_BENCH_PDF_PORT (default 5187), PDO_BENCH_REPEAT (downloads
#      of the kept file, default 20), PDO_BENCH_PDF_AGAIN (renders of the same PDF again in the warm process, the kept
#      file deleted before each, default 0: the first download's cost without the cold process's JIT).
#      PDO_BENCH_APP (the portal dll to run; default the Release build of src/Pdo.Web). PDO_BENCH_PDF_PREPARED=1: the
#      portal prepares the approved plan's consuntivo in the background after the start as in production
#      (Reports:PrepareApproved, Reports:PrepareDelay 10 s): the script waits for the kept file, reports when it was
#      ready and the preparation's render, then downloads; default 0: preparation off, the first download renders.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${PDO_BENCH_PDF_DATA:-/tmp/pdo-bench-pdf}
PORT=${PDO_BENCH_PDF_PORT:-5187}
REPEAT=${PDO_BENCH_REPEAT:-20}
AGAIN=${PDO_BENCH_PDF_AGAIN:-0}
PREPARED=${PDO_BENCH_PDF_PREPARED:-0}
BASE="http://127.0.0.1:$PORT"
YEAR=2020

# PDO_BENCH_APP: the portal to run (default the Release build, made here), e.g. a ReadyToRun publish (docs/benchmarks.md).
APP=${PDO_BENCH_APP:-}
if [ -z "$APP" ]; then
  dotnet build src/Pdo.Web -c Release -nologo -clp:ErrorsOnly
  APP="src/Pdo.Web/bin/Release/net10.0/Pdo.Web.dll"
fi
export ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning Database__DataDirectory="$DATA"
[ "$PREPARED" = 1 ] || export Reports__PrepareApproved=false
if [ ! -f "$DATA/pdo.db" ]; then
  echo "Generating 2 years x 2,000 objectives x 10,000 KPIs into $DATA …"
  time dotnet "$APP" genera-dati --dal 2020 --anni 2 --obiettivi 2000 --kpi 10000 >/dev/null
fi
rm -rf "$DATA/pdf" # every run starts without kept files
if curl -s -o /dev/null "$BASE/health"; then echo "Port $PORT is in use by another process: set PDO_BENCH_PDF_PORT." >&2; exit 1; fi

# the renderer's own line (pages, bytes, milliseconds) goes to the app's log (a key with dots: set through env)
env "Serilog__MinimumLevel__Override__Pdo.Web.Features.Reports.ConsuntivoRenderer=Information" dotnet "$APP" --urls "$BASE" --contentRoot "$PWD/src/Pdo.Web" >/tmp/pdo-bench-pdf-app.log 2>&1 &
APP_PID=$!
STARTED=$(date +%s.%N)
trap 'kill $APP_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 90); do curl -fs "$BASE/health" >/dev/null && break; kill -0 $APP_PID || { tail -5 /tmp/pdo-bench-pdf-app.log; exit 1; }; sleep 1; done

JAR=$(mktemp)
T=$(curl -s -b "$JAR" -c "$JAR" "$BASE/accesso" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed -n '1{s/.*value="//;s/"$//;p}')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "Email=giunta@pdo.local" --data-urlencode "Password=Demo-Pdo-2019!" \
  --data-urlencode "__RequestVerificationToken=$T" "$BASE/accesso"
COOKIE=$(awk '$6 ~ /^Pdo\./ {printf "%s=%s; ", $6, $7}' "$JAR")
URL="$BASE/piani/$YEAR/consuntivo.pdf"
rss() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$APP_PID/status"; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s -o /dev/null -H "Cookie: $COOKIE" "$BASE/piani/$YEAR" # the plan's snapshot and the JIT of the pages, not the PDF
sleep 2
if [ "$PREPARED" = 1 ]; then
  for _ in $(seq 1 1200); do ls "$DATA"/pdf/$YEAR-*.pdf >/dev/null 2>&1 && break; sleep 0.1; done
  echo "prepared in the background: kept file ready $(awk -v a="$STARTED" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s after the start (Reports:PrepareDelay 10 s), the preparation's $(grep -o "Consuntivo $YEAR piano rendered: [^\"]*ms" /tmp/pdo-bench-pdf-app.log | tail -1 | sed 's/.*rendered: /render: /')"
  sleep 2
fi
IDLE=$(rss)
PEAK=$IDLE
( while kill -0 $APP_PID 2>/dev/null; do rss; sleep 0.05; done ) >/tmp/pdo-bench-pdf-rss.txt &
SAMPLER=$!
cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$APP_PID/stat"; } # user + system CPU seconds of the portal
CPU0=$(cpu)
FIRST=$(curl -s -o /tmp/pdo-bench-pdf-first.pdf -w '%{time_total} %{size_download} %{http_code}' -H "Cookie: $COOKIE" "$URL")
kill $SAMPLER 2>/dev/null || true
PEAK=$(sort -n /tmp/pdo-bench-pdf-rss.txt | tail -1)
PAGES=$(grep -ao '/Type */Page[^s]' /tmp/pdo-bench-pdf-first.pdf | wc -l)
echo "first download ($([ "$PREPARED" = 1 ] && echo "the kept file prepared at start" || echo "load, score, lay out, render, keep")): $FIRST (s, bytes, status), $PAGES pages, CPU $(awk -v a="$CPU0" -v b="$(cpu)" 'BEGIN {printf "%.2f", b - a}') s (start-up and the plan page before it: $CPU0 s)"
[ "$PREPARED" = 1 ] || echo "of which the renderer: $(grep -o 'rendered: [^"]*ms' /tmp/pdo-bench-pdf-app.log | tail -1)"
echo "portal memory: idle $IDLE MB, peak during the first download $PEAK MB (+$((PEAK - IDLE)) MB), after $(rss) MB"
ETAG=$(curl -s -D - -o /dev/null -H "Cookie: $COOKIE" "$URL" | awk 'tolower($1) == "etag:" {print $2}' | tr -d '\r')
times() { for _ in $(seq 1 "$REPEAT"); do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | sort -n | awk '{a[NR]=$1} END {printf "median %.4f s, max %.4f s (%d requests)\n", a[int((NR+1)/2)], a[NR], NR}'; }
echo "kept file again (same bytes: $(curl -s -H "Cookie: $COOKIE" "$URL" | cmp -s - /tmp/pdo-bench-pdf-first.pdf && echo yes || echo NO)): $(times -H "Cookie: $COOKIE" "$URL")"
echo "conditional request, If-None-Match $ETAG: status $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" -H "If-None-Match: $ETAG" "$URL"), $(times -H "Cookie: $COOKIE" -H "If-None-Match: $ETAG" "$URL")"
for i in $(seq 1 "$AGAIN"); do
  rm -rf "$DATA/pdf"
  C=$(cpu)
  echo "rendered again in the warm process ($i): $(curl -s -o /dev/null -w '%{time_total} s, %{http_code}' -H "Cookie: $COOKIE" "$URL"), CPU $(awk -v a="$C" -v b="$(cpu)" 'BEGIN {printf "%.2f", b - a}') s"
done
echo "baseline, a static file: $(times "$BASE/css/site.css")"
echo "baseline, the plan page (signed in): $(times -H "Cookie: $COOKIE" "$BASE/piani/$YEAR")"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
