#!/usr/bin/env bash
# Side-by-side benchmark of the Crm web app against a raw ADO.NET baseline (issue 5).
#   bench/run.sh [--customers N]... [--duration S] [--warmup S] [--connections C]
# Defaults: two passes, 10,000 then 1,000,000 customers; 5 s warm-up and 10 s measured per scenario,
# 2 connections, 2 threads. Everything listens on 127.0.0.1 only. Data sets go to bench/data/ (git-ignored)
# and are reused when they match. Prints one markdown table per scale (also written to bench/data/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCALES=(); DURATION=10; WARMUP=5; CONNECTIONS=2; THREADS=2
CRM_PORT=5611; BASE_PORT=5612
while [[ $# -gt 0 ]]; do
  case $1 in
    --customers) SCALES+=("$2"); shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; THREADS=$(( $2 < 2 ? $2 : 2 )); shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ ${#SCALES[@]} -gt 0 ]] || SCALES=(10000 1000000)

command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
command -v sqlite3 >/dev/null || apt-get install -y sqlite3 >/dev/null || true

echo "== build (Release)"
dotnet build Crm.sln -c Release -v q -nologo 2>&1 | grep -E " error |rror\(s\)" | sort -u
CRM_DIR=$ROOT/Crm.Web/bin/Release/net10.0
BASE_DLL=$ROOT/bench/Crm.Bench.Baseline/bin/Release/net10.0/Crm.Bench.Baseline.dll
GEN_DLL=$ROOT/bench/Crm.Bench.Generator/bin/Release/net10.0/Crm.Bench.Generator.dll

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n $p ]] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() { for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done; echo "port $1 did not open" >&2; return 1; }

# run_wrk <url> [cookie] -> "rps p50 p95 p99 bytes non2xx"
run_wrk() {
  local url=$1 cookie=${2:-} args=(-t"$THREADS" -c"$CONNECTIONS" -s "$ROOT/bench/report.lua")
  [[ -n $cookie ]] && args+=(-H "Cookie: $cookie")
  wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null
  wrk "${args[@]}" -d"${DURATION}s" "$url" | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["rps"], v["p50"], v["p95"], v["p99"], v["bytes"], v["non2xx"] + v["errors"] }'
}

for N in "${SCALES[@]}"; do
  DB=$ROOT/bench/data/bench-$N.db
  echo "== data set: $N customers ($DB)"
  dotnet "$GEN_DLL" --db "$DB" --customers "$N" --salespeople 200 --seed 42 --children --reuse 2>&1 | grep -v -E "^warn|PRAGMA|migration|^\s*$" || true

  ZHANG=$(sqlite3 "$DB" "SELECT Id FROM AspNetUsers WHERE UserName='zhang.wei'")
  RICH=$(sqlite3 "$DB" "SELECT Id FROM Customers WHERE Code='KB00000001'")
  REGION=$(sqlite3 "$DB" "SELECT Id FROM DictionaryItems WHERE Category='Region' AND Code='310000'")
  LEVEL=$(sqlite3 "$DB" "SELECT Id FROM DictionaryItems WHERE Category='CustomerLevel' AND Code='Regular'")
  BOOK=$(sqlite3 "$DB" "SELECT count(*) FROM Customers WHERE OwnerId='$ZHANG' AND Status<>'Archived'")
  Q=瑞丰; QE=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$Q")

  echo "== start Crm (Production, jobs off) and the baseline on 127.0.0.1"
  (cd "$CRM_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production Jobs__Enabled=false ASPNETCORE_URLS=http://127.0.0.1:$CRM_PORT \
      ConnectionStrings__Sqlite="Data Source=$DB" Logging__LogLevel__Default=Warning \
      dotnet Crm.Web.dll > "$ROOT/bench/data/crm-$N.log" 2>&1) &
  CRM_PID=$!; PIDS+=("$CRM_PID")
  dotnet "$BASE_DLL" --urls "http://127.0.0.1:$BASE_PORT" --Db "$DB" > "$ROOT/bench/data/baseline-$N.log" 2>&1 &
  BASE_PID=$!; PIDS+=("$BASE_PID")
  wait_port $CRM_PORT; wait_port $BASE_PORT
  # The real process (dotnet) is the child of the subshell's exec, i.e. $CRM_PID itself.

  echo "== sign in as zhang.wei (salesman, scope Own; $BOOK customers in his book)"
  JAR=$(mktemp); LOGIN=$(mktemp)
  curl -s -c "$JAR" "http://127.0.0.1:$CRM_PORT/Account/Login" -o "$LOGIN"
  TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$LOGIN" | head -1 | sed 's/.*value="//;s/"$//')
  STATUS=$(curl -s -b "$JAR" -c "$JAR" -o /dev/null -w "%{http_code}" --data-urlencode "UserName=zhang.wei" \
    --data-urlencode "Password=Demo@123456" --data-urlencode "__RequestVerificationToken=$TOKEN" "http://127.0.0.1:$CRM_PORT/Account/Login")
  [[ $STATUS == 302 ]] || { echo "sign-in failed ($STATUS)" >&2; exit 1; }
  COOKIE=$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")

  C=http://127.0.0.1:$CRM_PORT; B="http://127.0.0.1:$BASE_PORT/customers?owner=$ZHANG"
  OUT=$ROOT/bench/data/table-$N.md
  {
    echo "### $N customers (zhang.wei's book: $BOOK customers; $CONNECTIONS connections, ${WARMUP}s warm-up + ${DURATION}s per run)"
    echo
    echo "| scenario | app | req/s | p50 ms | p95 ms | p99 ms | bytes/req | non-2xx | Crm/baseline req/s |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  } > "$OUT"

  row() { # scenario app result [ratio]
    read -r rps p50 p95 p99 bytes bad <<<"$3"
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n" "$1" "$2" "$rps" "$p50" "$p95" "$p99" "$bytes" "$bad" "${4:-}" | tee -a "$OUT"
  }
  single() { echo "-- $1" >&2; row "$1" Crm "$(run_wrk "$2" "${3:-}")"; }
  paired() { # name crm-url baseline-url : Crm and baseline alternately (Crm, baseline, Crm, baseline), the mean of both rounds
    echo "-- $1" >&2
    local c1 b1 c2 b2
    c1=$(run_wrk "$2" "$COOKIE"); b1=$(run_wrk "$3"); c2=$(run_wrk "$2" "$COOKIE"); b2=$(run_wrk "$3")
    local c b
    c=$(printf "%s\n%s\n" "$c1" "$c2" | awk '{ for (i = 1; i <= NF; i++) s[i] += $i } END { printf "%.1f %.2f %.2f %.2f %d %d", s[1]/2, s[2]/2, s[3]/2, s[4]/2, s[5]/2, s[6] }')
    b=$(printf "%s\n%s\n" "$b1" "$b2" | awk '{ for (i = 1; i <= NF; i++) s[i] += $i } END { printf "%.1f %.2f %.2f %.2f %d %d", s[1]/2, s[2]/2, s[3]/2, s[4]/2, s[5]/2, s[6] }')
    local ratio; ratio=$(awk -v c="${c%% *}" -v b="${b%% *}" 'BEGIN { printf "%.2f", (b > 0 ? c / b : 0) }')
    row "$1" Crm "$c" "$ratio"; row "$1" baseline "$b"
  }

  single "login page" "$C/Account/Login"
  single "dashboard" "$C/" "$COOKIE"
  paired "list page 1" "$C/Customers/Customers?page=1" "$B&page=1"
  row "list page 1" "baseline, sql=direct" "$(run_wrk "$B&page=1&sql=direct")"
  paired "list page 200 (deep)" "$C/Customers/Customers?page=200" "$B&page=200"
  row "list page 200 (deep)" "baseline, sql=direct" "$(run_wrk "$B&page=200&sql=direct")"
  paired "filtered region+level" "$C/Customers/Customers?RegionId=$REGION&LevelId=$LEVEL" "$B&regionId=$REGION&levelId=$LEVEL"
  paired "text search \"$Q\"" "$C/Customers/Customers?Q=$QE" "$B&q=$QE"
  single "customer 360 (60 interactions)" "$C/Customers/Customers/Details/$RICH" "$COOKIE"
  single "export csv (whole book, $BOOK rows)" "$C/Customers/Export?format=csv" "$COOKIE"

  {
    echo
    echo "Crm peak working set (VmHWM): $(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' /proc/$CRM_PID/status); now (VmRSS): $(awk '/VmRSS/ { printf "%.0f MB", $2 / 1024 }' /proc/$CRM_PID/status)"
    echo
    echo "Query plans of the list's page and count queries (from the baseline, same SQL and parameters):"
    for spec in "filtered region+level|&regionId=$REGION&levelId=$LEVEL" "text search|&q=$QE" "list (no filter)|" "direct owner predicate (sql=direct), for comparison|&sql=direct"; do
      echo; echo "$spec" | cut -d'|' -f1 | sed 's/^/**/; s/$/**/'; echo '```'
      curl -s "$B${spec#*|}&explain=true"; echo '```'
    done
  } | tee -a "$OUT"

  kill "$CRM_PID" "$BASE_PID" 2>/dev/null || true; wait "$CRM_PID" "$BASE_PID" 2>/dev/null || true
  rm -f "$JAR" "$LOGIN"
done

echo; echo "== tables: bench/data/table-<N>.md"
for N in "${SCALES[@]}"; do cat "$ROOT/bench/data/table-$N.md"; echo; done
