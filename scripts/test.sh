#!/usr/bin/env bash
# Runs every test on a fresh machine: installs the browser the end-to-end tests drive, Node and the npm tools the API
# client tests run and the accessibility checks load, builds, tests, and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

install_debian() {
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
  fi
}

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (Debian package)..."
  install_debian chromium
fi

# The API client tests run npm tools (Redocly's linter, a generated TypeScript client, SignalR's JavaScript client),
# which need Node 20.19 or later; the accessibility checks load axe-core into each page.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm for the API client tests and the accessibility checks (Debian packages)..."
  install_debian nodejs npm
fi

# npm ci in a folder whose package-lock.json pins its tools: when they are missing, or the lock file changed since.
install_npm_tools() {
  local folder=$1 what=$2
  if [ -f "$folder/node_modules/.package-lock.json" ] && [ ! "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    return
  fi
  echo "Installing $what (npm ci in $folder)..."
  (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
}

install_npm_tools NeuralStyle.Tests/Web/Clients "the npm tools of the API client tests"
install_npm_tools NeuralStyle.Tests "axe-core for the accessibility checks"

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
