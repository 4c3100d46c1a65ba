# One production image for every service. The service is chosen by the command or by SERVICE:
#   docker run nrm-platform referral          docker run -e SERVICE=shelter nrm-platform
#   docker run nrm-platform provision         (creates the database, schemas and roles, then exits)
#   docker run nrm-platform migrate referral  (applies the service's migrations, then exits)
# Secrets come from the environment, or from files: NAME_FILE=/run/secrets/name.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
RUN NX_NO_CLOUD=true NX_DAEMON=false npx nx run-many -t build --output-style=static
# For docker compose's development OpenID provider (this stage has the development dependencies).
COPY scripts ./scripts

# Production dependencies only: a devDependency imported at run time fails here, and in the
# production-install test of `npm test`, rather than in production.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 DOCS_UI=true
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json ./
COPY --chown=root:root scripts/lib/provision.mjs ./scripts/lib/provision.mjs
COPY --chown=root:root deploy/entrypoint.sh deploy/healthcheck.mjs deploy/provision.mjs deploy/migrate.mjs ./deploy/
# The code is owned by root and read-only to the service, which runs as the unprivileged `node` user.
USER node
ARG SERVICE=""
ENV SERVICE=${SERVICE}
EXPOSE 3000 3001 3002 3003 3004 3006
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "deploy/healthcheck.mjs"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/bin/sh", "deploy/entrypoint.sh"]
