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
CRM_PORT=5611; BASE_PORT=5612; IMPORT_PORT=5613; ORDERS_PER_CUSTOMER=5; IMPORT_ROWS=(10000 100000)
while [[ $# -gt 0 ]]; do
  case $1 in
    --customers) SCALES+=("$2"); shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; THREADS=$(( $2 < 2 ? $2 : 2 )); shift 2 ;;
    --import-rows) IMPORT_ROWS=($2); shift 2 ;;
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

# signin <port> <user> -> the cookie header value (antiforgery token from the login form, then the auth cookie)
signin() {
  local jar login token status
  jar=$(mktemp); login=$(mktemp)
  curl -s -c "$jar" "http://127.0.0.1:$1/Account/Login" -o "$login"
  token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$login" | head -1 | sed 's/.*value="//;s/"$//')
  status=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w "%{http_code}" --data-urlencode "UserName=$2" \
    --data-urlencode "Password=Demo@123456" --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$1/Account/Login")
  [[ $status == 302 ]] || { echo "sign-in of $2 failed ($status)" >&2; return 1; }
  awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
  rm -f "$jar" "$login"
}

# token <port> <cookie> <path> -> the antiforgery token of the page's first form
token() { curl -s -H "Cookie: $2" "http://127.0.0.1:$1$3" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }

# EF's SQLite encoding of DateTimeOffset (DateTimeOffsetToBinaryConverter) -> yyyy-MM-dd (UTC)
bin_date() { python3 -c 'import sys,datetime; v=int(sys.argv[1]); print((datetime.datetime(1,1,1)+datetime.timedelta(microseconds=(v>>11)*1000//10)).strftime("%Y-%m-%d"))' "$1"; }

wait_port() { for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.5; done; echo "port $1 did not open" >&2; return 1; }

# run_wrk <url> [user] -> "rps p50 p95 p99 bytes non2xx"
# A signed-in run signs the user in first. Identity's security-stamp validator re-checks a cookie once it is a
# minute old and then re-issues it; a browser keeps the renewed cookie, wrk does not,
# so with a cookie older than a minute every request would be re-validated and re-issued — a cost no browser
# causes (measured: list page 1 at 1M customers 170–260 req/s with a stale cookie, 410–470 with a fresh one).
run_wrk() {
  local url=$1 user=${2:-} args=(-t"$THREADS" -c"$CONNECTIONS" -s "$ROOT/bench/report.lua")
  [[ -n $user ]] && args+=(-H "Cookie: $(signin "$CRM_PORT" "$user")")
  wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null
  wrk "${args[@]}" -d"${DURATION}s" "$url" | awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["rps"], v["p50"], v["p95"], v["p99"], v["bytes"], v["non2xx"] + v["errors"] }'
}

for N in "${SCALES[@]}"; do
  DB=$ROOT/bench/data/bench-$N.db
  echo "== data set: $N customers ($DB)"
  dotnet "$GEN_DLL" --db "$DB" --customers "$N" --salespeople 200 --seed 42 --children --orders $((N * ORDERS_PER_CUSTOMER)) --reuse 2>&1 | grep -v -E "^warn|PRAGMA|migration|^\s*$" || true

  ZHANG=$(sqlite3 "$DB" "SELECT Id FROM AspNetUsers WHERE UserName='zhang.wei'")
  RICH=$(sqlite3 "$DB" "SELECT Id FROM Customers WHERE Code='KB00000001'")
  REGION=$(sqlite3 "$DB" "SELECT Id FROM DictionaryItems WHERE Category='Region' AND Code='310000'")
  LEVEL=$(sqlite3 "$DB" "SELECT Id FROM DictionaryItems WHERE Category='CustomerLevel' AND Code='Regular'")
  BOOK=$(sqlite3 "$DB" "SELECT count(*) FROM Customers WHERE OwnerId='$ZHANG' AND Status<>'Archived'")
  EAST=$(sqlite3 "$DB" "SELECT count(*) FROM Customers c JOIN OrgUnits o ON o.Id=c.OrgUnitId WHERE o.Path LIKE (SELECT Path FROM OrgUnits WHERE Name='华东公司') || '%' AND c.Status<>'Archived'")
  ORDERS=$(sqlite3 "$DB" "SELECT count(*) FROM Orders"); ZHANG_ORDERS=$(sqlite3 "$DB" "SELECT count(*) FROM Orders o JOIN Customers c ON c.Id=o.CustomerId WHERE c.OwnerId='$ZHANG'")
  # Export of about 10,000 rows: admin, customers created since the day of the 10,000th newest.
  SINCE=$(bin_date "$(sqlite3 "$DB" "SELECT CreatedAt FROM Customers ORDER BY CreatedAt DESC LIMIT 1 OFFSET 9999")")
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

  echo "== sign in as zhang.wei (salesman, scope Own; $BOOK customers in his book), manager.east (unit and below; $EAST customers) and admin"
  COOKIE=zhang.wei; MANAGER=manager.east; ADMIN=admin   # users; each run signs in afresh (run_wrk)
  EXPORT_ROWS=$(curl -s -H "Cookie: $(signin $CRM_PORT admin)" "http://127.0.0.1:$CRM_PORT/Customers/Export?format=csv&CreatedFrom=$SINCE" | wc -l); EXPORT_ROWS=$((EXPORT_ROWS - 1))

  C=http://127.0.0.1:$CRM_PORT; B="http://127.0.0.1:$BASE_PORT/customers?owner=$ZHANG"
  OUT=$ROOT/bench/data/table-$N.md
  {
    echo "### $N customers, $ORDERS orders (zhang.wei's book: $BOOK customers, $ZHANG_ORDERS orders; manager.east's subtree: $EAST customers; $CONNECTIONS connections, ${WARMUP}s warm-up + ${DURATION}s per run)"
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
  single "export csv (admin, created since $SINCE: $EXPORT_ROWS rows)" "$C/Customers/Export?format=csv&CreatedFrom=$SINCE" "$ADMIN"
  single "manager.east list page 1 (unit and below)" "$C/Customers/Customers?page=1" "$MANAGER"
  single "manager.east list page 200 (deep)" "$C/Customers/Customers?page=200" "$MANAGER"
  single "manager.east filtered region+level" "$C/Customers/Customers?RegionId=$REGION&LevelId=$LEVEL" "$MANAGER"
  single "orders page 1 (zhang.wei)" "$C/Sales/Orders" "$COOKIE"
  single "orders page 50 (zhang.wei)" "$C/Sales/Orders?page=50" "$COOKIE"
  single "orders filtered status=Shipped (zhang.wei)" "$C/Sales/Orders?Status=Shipped" "$COOKIE"
  single "orders page 1 (manager.east)" "$C/Sales/Orders" "$MANAGER"
  single "orders filtered status=Shipped (manager.east)" "$C/Sales/Orders?Status=Shipped" "$MANAGER"
  single "orders page 1 (admin)" "$C/Sales/Orders" "$ADMIN"
  single "manager.east customer 360" "$C/Customers/Customers/Details/$RICH" "$MANAGER"

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

  # Import: a fresh Crm (jobs on) per file, on a copy of the data set; zhang.wei uploads, queues (mode Skip),
  # the background worker imports. Time = FinishedAt - StartedAt of the job; memory = the process's VmHWM
  # after the job against its VmHWM before the upload.
  {
    echo
    echo "Import (zhang.wei, mode Skip, into a copy of this data set; a fresh Crm process per file):"
    echo
    echo "| rows in file | created | skipped | failed | import s | rows/s | VmHWM before MB | VmHWM after MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
  } | tee -a "$OUT"
  for R in "${IMPORT_ROWS[@]}"; do
    FILE=$ROOT/bench/data/import-$R.csv
    [[ -f $FILE ]] || dotnet "$GEN_DLL" --db "$DB" --import-file "$FILE" --rows "$R" --seed 7 >/dev/null
    COPY=$ROOT/bench/data/import-target.db; rm -f "$COPY" "$COPY-wal" "$COPY-shm"
    sqlite3 "$DB" "VACUUM INTO '$COPY'"
    (cd "$CRM_DIR" && exec env ASPNETCORE_ENVIRONMENT=Production Jobs__Enabled=true Jobs__ImportPollSeconds=1 ASPNETCORE_URLS=http://127.0.0.1:$IMPORT_PORT \
        ConnectionStrings__Sqlite="Data Source=$COPY" Logging__LogLevel__Default=Warning Storage__Path="$ROOT/bench/data/uploads" \
        dotnet Crm.Web.dll > "$ROOT/bench/data/crm-import-$N-$R.log" 2>&1) &
    IMP_PID=$!; PIDS+=("$IMP_PID"); wait_port $IMPORT_PORT
    IC=$(signin $IMPORT_PORT zhang.wei)
    BEFORE=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' /proc/$IMP_PID/status)
    T=$(token $IMPORT_PORT "$IC" /Customers/Imports)
    LOC=$(curl -s -o /dev/null -w "%{redirect_url}" -H "Cookie: $IC" -F "__RequestVerificationToken=$T" -F "file=@$FILE;filename=import-$R.csv" "http://127.0.0.1:$IMPORT_PORT/Customers/Imports/Upload")
    JOB=${LOC##*/}; JOB=${JOB%%\?*}
    T=$(token $IMPORT_PORT "$IC" "/Customers/Imports/Preview/$JOB")
    curl -s -o /dev/null -H "Cookie: $IC" --data-urlencode "__RequestVerificationToken=$T" --data-urlencode "id=$JOB" --data-urlencode "mode=Skip" "http://127.0.0.1:$IMPORT_PORT/Customers/Imports/Queue/$JOB"
    for _ in $(seq 1 1200); do
      ST=$(sqlite3 "$COPY" "SELECT Status FROM ImportJobs WHERE Id=$JOB" 2>/dev/null || true)
      [[ $ST == Completed || $ST == Failed ]] && break; sleep 0.5
    done
    AFTER=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' /proc/$IMP_PID/status)
    sqlite3 -separator ' ' "$COPY" "SELECT TotalRows, CreatedCount, SkippedCount, FailedCount, ((FinishedAt >> 11) - (StartedAt >> 11)) / 10000.0, Status FROM ImportJobs WHERE Id=$JOB" | \
      awk -v b="$BEFORE" -v a="$AFTER" '{ printf "| %d | %d | %d | %d | %.1f | %.0f | %s | %s |%s\n", $1, $2, $3, $4, $5, ($5 > 0 ? $1 / $5 : 0), b, a, ($6 == "Completed" ? "" : " " $6) }' | tee -a "$OUT"
    kill "$IMP_PID" 2>/dev/null || true; wait "$IMP_PID" 2>/dev/null || true
    rm -f "$COPY" "$COPY-wal" "$COPY-shm"
  done
done

# The raw-insert yardstick for the import: the generator's prepared, batched inserts of 100,000 customers into
# the real schema with its indexes and name-search triggers in place (--keep-indexes), no children.
echo "== raw insert of 100,000 customers (generator, --keep-indexes)"
dotnet "$GEN_DLL" --db "$ROOT/bench/data/raw-100000.db" --customers 100000 --salespeople 200 --seed 42 --keep-indexes 2>&1 | grep -E "^customers:|^commits:" | tee "$ROOT/bench/data/raw-100000.txt"

echo; echo "== tables: bench/data/table-<N>.md"
for N in "${SCALES[@]}"; do cat "$ROOT/bench/data/table-$N.md"; echo; done
