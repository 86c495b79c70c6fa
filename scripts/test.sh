#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the browser the end-to-end tests drive and the accessibility checker
# they load, builds, tests, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (Debian package)..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi

# The accessibility checks load axe-core (the npm package pinned in NeuralStyle.Tests/package-lock.json) into each page.
if [ ! -f NeuralStyle.Tests/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core for the accessibility checks (npm)..."
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
      apt-get update -qq && apt-get install -y -qq npm >/dev/null
    else
      sudo apt-get update -qq && sudo apt-get install -y -qq npm >/dev/null
    fi
  fi
  npm ci --prefix NeuralStyle.Tests --no-audit --no-fund >/dev/null
fi

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test NeuralStyle.sln \
  --logger "trx;LogFileName=results.trx" \
  --logger "console;verbosity=normal" \
  --results-directory "$results" \
  --blame-hang-timeout 10m
status=$?

trx=$(find "$results" -name '*.trx' | head -n 1)
if [ -n "$trx" ]; then
  passed=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'passed="[0-9]*"' | grep -o '[0-9]*')
  failed=$(grep -o '<Counters [^>]*' "$trx" | grep -o 'failed="[0-9]*"' | grep -o '[0-9]*')
  echo "${passed:-0} passed, ${failed:-0} failed"
else
  echo "0 passed, 1 failed"
  [ $status -eq 0 ] && status=1
fi
exit $status
