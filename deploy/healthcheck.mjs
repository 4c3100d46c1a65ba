// HEALTHCHECK of the image: the service's liveness endpoint on its port (PORT, or the service's
// default port when PORT is unset).
const DEFAULT_PORTS = {
  console: 3000,
  referral: 3001,
  shelter: 3002,
  compensation: 3003,
  notification: 3004,
  reporting: 3006,
};
const port = process.env.PORT ?? DEFAULT_PORTS[process.env.SERVICE] ?? 3001;
fetch(`http://127.0.0.1:${port}/health/live`, { signal: AbortSignal.timeout(4000) }).then(
  (r) => process.exit(r.ok ? 0 : 1),
  () => process.exit(1),
);
