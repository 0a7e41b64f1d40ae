#!/usr/bin/env bash
# Times `genera-dati` writing the 10-year dataset (docs/benchmarks.md, "Data generator"), with its peak memory.
#   bash tests/benchmarks/generate.sh
# Env: PDO_BENCH_PROVIDERS (default "Sqlite"; "Sqlite PostgreSql": also on a throwaway server started by .ci/postgres),
#      PDO_BENCH_YEARS (generated years, default 10), PDO_BENCH_REPEAT (runs per provider, default 1).
# Each run writes into a new database. References measured in the same run: the command's fixed cost (start-up,
# migrations, the 2019 seed, demo users; a 1-KPI year) and, on SQLite, the sqlite3 shell copying the same rows into an
# empty copy of the schema (same indexes) with INSERT … SELECT: the engine's own cost for these rows, no .NET at all.
set -euo pipefail
cd "$(dirname "$0")/../.."
PROVIDERS=${PDO_BENCH_PROVIDERS:-Sqlite}
YEARS=${PDO_BENCH_YEARS:-10}
REPEAT=${PDO_BENCH_REPEAT:-1}
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }

dotnet build src/Pdo.Web -c Release -nologo -clp:ErrorsOnly
APP="src/Pdo.Web/bin/Release/net10.0/Pdo.Web.dll"
export ASPNETCORE_ENVIRONMENT=Development Serilog__MinimumLevel__Default=Warning
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pdo-bench-generate.XXXXXX")
source .ci/postgres
trap 'stop_test_postgres; rm -rf "$WORK"' EXIT
RUN=0

# run LABEL ARGS…: one genera-dati into a new database; prints seconds and peak working set
run() {
  local label=$1; shift
  RUN=$((RUN + 1))
  export Database__DataDirectory="$WORK/$RUN"
  if [ "$Database__Provider" = PostgreSql ]; then
    export ConnectionStrings__PostgreSql="${PDO_TEST_POSTGRES/Database=postgres/Database=pdo_generate_$RUN}"
  fi
  /usr/bin/time -f "%e %M" -o "$WORK/time" dotnet "$APP" genera-dati "$@" >"$WORK/log" 2>&1 || { cat "$WORK/log"; exit 1; }
  read -r seconds kilobytes <"$WORK/time"
  printf '%-9s %-38s %7.2f s  %5d MB peak  (load average %s)\n' "$Database__Provider" "$label" "$seconds" $((kilobytes / 1024)) "$(cut -d' ' -f1-3 /proc/loadavg)"
}

for provider in $PROVIDERS; do
  export Database__Provider="$provider" Database__MigrateAtStartup=true
  [ "$provider" != PostgreSql ] || [ -n "${PDO_TEST_POSTGRES:-}" ] || start_test_postgres
  run "fixed cost (1 year of 1 KPI)" --dal 2020 --anni 1 --obiettivi 1 --kpi 1
  for _ in $(seq 1 "$REPEAT"); do
    run "$YEARS years x 2,000 objectives x 10,000 KPIs" --dal 2020 --anni "$YEARS" --obiettivi 2000 --kpi 10000
    if [ "$provider" = Sqlite ]; then
      db="$WORK/$RUN/pdo.db"
      echo "          rows: $(sqlite3 "$db" "SELECT (SELECT COUNT(*) FROM Plans) || ' plans, ' || (SELECT COUNT(*) FROM Objectives) || ' objectives, ' || (SELECT COUNT(*) FROM Kpis) || ' KPIs, ' || (SELECT COUNT(*) FROM KpiResults) || ' results'")"
      rm -f "$WORK/ref.db"
      sqlite3 "$db" .schema | grep -v '^CREATE TABLE sqlite_' | sqlite3 "$WORK/ref.db"
      start=$(date +%s.%N)
      sqlite3 "$WORK/ref.db" "PRAGMA journal_mode=WAL; ATTACH '$db' AS g; BEGIN;
        INSERT INTO Directorates SELECT * FROM g.Directorates; INSERT INTO Plans SELECT * FROM g.Plans WHERE Year >= 2020;
        INSERT INTO Categories SELECT * FROM g.Categories WHERE PlanId IN (SELECT Id FROM Plans);
        INSERT INTO Areas SELECT * FROM g.Areas WHERE PlanId IN (SELECT Id FROM Plans);
        INSERT INTO MonitoringPeriods SELECT * FROM g.MonitoringPeriods WHERE PlanId IN (SELECT Id FROM Plans);
        INSERT INTO Objectives SELECT * FROM g.Objectives WHERE PlanId IN (SELECT Id FROM Plans);
        INSERT INTO Kpis SELECT * FROM g.Kpis WHERE ObjectiveId IN (SELECT Id FROM Objectives);
        INSERT INTO KpiResults SELECT * FROM g.KpiResults WHERE KpiId IN (SELECT Id FROM Kpis); COMMIT;" >/dev/null
      printf '%-9s %-38s %7.2f s\n' sqlite3 "reference: INSERT … SELECT of those rows" "$(awk "BEGIN { print $(date +%s.%N) - $start }")"
    fi
  done
done
