# One image for the four services: `SERVICE` chooses which one runs.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY apps ./apps
RUN NX_NO_CLOUD=true NX_DAEMON=false npx nx run-many -t build --output-style=static

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY apps/compensation/src/payouts/*.xsd ./dist/apps/compensation/src/payouts/
USER node
ARG SERVICE=referral
ENV SERVICE=${SERVICE}
CMD ["sh", "-c", "exec node --enable-source-maps dist/apps/${SERVICE}/src/main.js"]
