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
exec node --enable-source-maps "dist/apps/${SERVICE}/src/main.js" "$@"
