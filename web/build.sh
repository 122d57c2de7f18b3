#!/usr/bin/env bash
# build.sh — bundle the dashboard into web/dist (served by `vigia serve`).
# Installs the npm packages from package-lock.json when node_modules is
# missing or older than the lock; rebuilds only when a source changed.
set -euo pipefail
cd "$(dirname "$0")"
# Several builds (and test runs) may share this source tree: one at a time.
exec 9>.build.lock
flock 9
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
stamp=dist/.built
if [ -f "$stamp" ] && [ -z "$(find src build.sh package-lock.json -newer "$stamp" -print -quit)" ]; then
  echo "web/build.sh: dist is up to date"
  exit 0
fi
rm -rf dist.tmp
mkdir -p dist.tmp
node_modules/.bin/esbuild src/main.js --bundle --minify --sourcemap --format=iife --target=es2020 \
  --legal-comments=linked --log-level=warning --outfile=dist.tmp/app.js
cp src/index.html dist.tmp/index.html
# Precompressed copies: vigia serve sends FILE.gz to clients that accept gzip.
gzip -9 -k -n dist.tmp/app.js dist.tmp/app.css dist.tmp/index.html
rm -rf dist
mv dist.tmp dist
touch "$stamp"
echo "web/build.sh: built $(du -sh dist | cut -f1) into web/dist"
