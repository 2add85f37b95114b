#!/usr/bin/env bash
# The SQL a page sends, from EF's command log: bench/sql-log.sh <db> <user> <path>...
# Starts the Release build of Crm on 127.0.0.1:5614 against <db> with EF command logging, signs <user> in,
# requests each path twice (the second time is reported: caches warm) and prints the number of DbCommands
# of that request and their SQL. Run bench/run.sh (or a Release build) first.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD; DB=$(realpath "$1"); USER_NAME=$2; shift 2; PORT=5614
LOG=$(mktemp)
(cd "$ROOT/Crm.Web/bin/Release/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production Jobs__Enabled=false ASPNETCORE_URLS=http://127.0.0.1:$PORT \
  ConnectionStrings__Sqlite="Data Source=$DB" Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
  Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information dotnet Crm.Web.dll > "$LOG" 2>&1) &
PID=$!; trap 'kill $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
JAR=$(mktemp); LOGIN=$(mktemp)
curl -s -c "$JAR" "http://127.0.0.1:$PORT/Account/Login" -o "$LOGIN"
TOKEN=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$LOGIN" | head -1 | sed 's/.*value="//;s/"$//')
STATUS=$(curl -s -b "$JAR" -c "$JAR" -o /dev/null -w "%{http_code}" --data-urlencode "UserName=$USER_NAME" --data-urlencode "Password=Demo@123456" \
  --data-urlencode "__RequestVerificationToken=$TOKEN" "http://127.0.0.1:$PORT/Account/Login"); echo "sign-in of $USER_NAME: $STATUS"
# The cookies are Secure; curl would not send them back over http, so they go as a header.
COOKIE=$(awk '!/^#/ || /^#HttpOnly_/ { sub(/^#HttpOnly_/, ""); if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$JAR")
for path in "$@"; do
  curl -s -H "Cookie: $COOKIE" -o /dev/null "http://127.0.0.1:$PORT$path"; sleep 0.5
  START=$(wc -l < "$LOG")
  CODE=$(curl -s -H "Cookie: $COOKIE" -o /dev/null -w "%{http_code} %{time_total}s" "http://127.0.0.1:$PORT$path"); sleep 0.5
  echo "== $path ($CODE): $(tail -n +$((START + 1)) "$LOG" | grep -c 'Executed DbCommand') DbCommands"
  tail -n +$((START + 1)) "$LOG" | grep -v -E '^\s*$'
done
rm -f "$JAR" "$LOGIN"
