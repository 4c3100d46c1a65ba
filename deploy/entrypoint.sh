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
# V8 heap limits measured with scripts/lib/bench-memory.mjs and the chaos run (bench/README.md,
# 2026-12-04): 45-65 MiB of heap is live, so a 160 MiB old space leaves room for an overload's queue;
# a 4 MiB semi-space keeps the young generation at 12 MiB instead of up to 48 MiB. A 2 MiB semi-space
# (the first setting) spent a third of compensation's CPU in scavenges under the chaos run's backlog
# and kept it overloaded for minutes; 4 MiB passed the chaos run. Two malloc arenas (instead of one
# per thread) save 3-13 MiB of RSS. With both, every service peaked under 150 MiB in the bench.
# NRM_NODE_FLAGS replaces the flags ('' for V8's defaults). Source maps cost 15-20 MiB of heap per
# process: only with NRM_SOURCE_MAPS=1.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
flags="${NRM_NODE_FLAGS---max-old-space-size=160 --max-semi-space-size=4}"
if [ "${NRM_SOURCE_MAPS:-0}" = "1" ]; then flags="$flags --enable-source-maps"; fi
# shellcheck disable=SC2086 # the flags are words
exec node $flags "dist/apps/${SERVICE}/src/main.js" "$@"
