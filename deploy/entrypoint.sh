#!/bin/sh
# Entry point of the one image: the service is the first argument (`docker run nrm referral`) or
# SERVICE; `provision` creates the database, schemas and roles; `migrate <service>` applies that
# service's migrations and exits.
set -e
if [ "$1" = "provision" ]; then shift; exec node deploy/provision.mjs "$@"; fi
if [ "$1" = "migrate" ]; then shift; exec node deploy/migrate.mjs "$@"; fi
if [ -n "$1" ] && [ -f "dist/apps/$1/src/main.js" ]; then SERVICE="$1"; shift; fi
if [ -z "${SERVICE}" ] || [ ! -f "dist/apps/${SERVICE}/src/main.js" ]; then
  echo "choose a service: $(ls dist/apps | tr '\n' ' ')(argument or SERVICE)" >&2
  exit 64
fi
# V8 heap limits measured with scripts/lib/bench-memory.mjs (bench/README.md, 2026-12-03): 45-57 MiB of
# heap in use, so a 128 MiB old space leaves room, and a 2 MiB semi-space keeps the young generation at
# 6 MiB instead of up to 48 MiB. NRM_NODE_FLAGS replaces them ('' for V8's defaults). Source maps cost
# 15-20 MiB of heap per process: only with NRM_SOURCE_MAPS=1.
flags="${NRM_NODE_FLAGS---max-old-space-size=128 --max-semi-space-size=2}"
if [ "${NRM_SOURCE_MAPS:-0}" = "1" ]; then flags="$flags --enable-source-maps"; fi
# shellcheck disable=SC2086 # the flags are words
exec node $flags "dist/apps/${SERVICE}/src/main.js" "$@"
