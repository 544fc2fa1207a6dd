#!/usr/bin/env bash
# The suite passes on any date: run pytest again with the system date moved a year
# ahead and a year back (libfaketime, LD_PRELOAD; inherited by the CLI subprocesses the
# tests start). Monotonic clocks stay real and timed waits pass through untouched
# (FAKETIME_DONT_FAKE_MONOTONIC=1, FAKETIME_FORCE_MONOTONIC_FIX=0): otherwise Python's
# GIL hand-over and Qt's thread pool stall. .ci/faketime/sitecustomize.py works around
# libfaketime's broken absolute monotonic sleep. Usage: bash .ci/dates.sh ["+365 days" ...]
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq faketime >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq faketime >/dev/null; }
  fi
fi
if ! command -v faketime >/dev/null 2>&1; then
  echo ".ci/dates.sh: faketime is needed (Debian/Ubuntu: apt-get install faketime)" >&2
  exit 1
fi

shifts=("$@")
[ ${#shifts[@]} -gt 0 ] || shifts=("+365 days" "-365 days")
for shift in "${shifts[@]}"; do
  echo ".ci/dates.sh: pytest with the date moved ${shift} ($(faketime "${shift}" date -I))"
  PYTHONPATH="$PWD/.ci/faketime${PYTHONPATH:+:$PYTHONPATH}" \
    FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 \
    faketime "${shift}" python3 dev.py test -m "not interop" -q
done
