#!/usr/bin/env bash
# The frozen build's self-test, then two fault checks on a copy of the build: a corrupted and a
# missing resource file must each make the self-test fail and name the file.
set -euo pipefail
cd "$(dirname "$0")/.."
app=dist/keiwhatif
export QT_QPA_PLATFORM=offscreen
"$app/keiwhatif" --selftest

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -a "$app" "$tmp/app"
data="$tmp/app/_internal/resources/data"
check() {  # $1 = file the self-test must name
  set +e
  out=$("$tmp/app/keiwhatif" --selftest 2>/dev/null | tail -n 1)
  rc=$?
  set -e
  if [ "$rc" = 0 ] || ! printf '%s' "$out" | grep -q "$1"; then
    echo "frozen self-test did not name the broken file $1 (exit $rc): $out" >&2
    exit 1
  fi
  echo "frozen self-test names the broken $1 (exit $rc)"
}
cp "$data/vehicles.csv" "$tmp/vehicles.csv"
printf 'id,name\nbroken,"unclosed\n' > "$data/vehicles.csv"
check vehicles.csv
cp "$tmp/vehicles.csv" "$data/vehicles.csv"
rm "$data/state_rules.csv"
check state_rules.csv
