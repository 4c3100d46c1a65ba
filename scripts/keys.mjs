#!/usr/bin/env node
// npm run keys: creates the development keys and secrets in .keys/ (git-ignored) if they are missing.
//   npm run keys -- --env > .env    writes them as an env file for `docker compose up`
// The same keys serve `npm start`, `npm run token` and compose, so a token minted with
// `npm run token` is accepted by the containers too. For development and evaluation only:
// production takes its keys from a secret store (every variable also works as NAME_FILE).
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import { devJwtKeys, devSecrets, KEYS_DIR } from './lib/dev-keys.mjs';

/** One env-file line; multi-line values (PEM) are double-quoted with \n escapes, as compose reads them. */
export function envLine(name, value) {
  const text = String(value);
  if (/[\n"\\\s#$']/.test(text))
    return `${name}="${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  return `${name}=${text}`;
}

/** The variables docker-compose.yml requires, from the development keys. */
export function composeEnv() {
  const { publicKeyPem } = devJwtKeys();
  const secrets = devSecrets();
  const vars = { JWT_PUBLIC_KEY: publicKeyPem.trim() };
  for (const service of Object.keys(secrets).sort()) Object.assign(vars, secrets[service]);
  return vars;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const vars = composeEnv();
  if (process.argv.includes('--env')) {
    const lines = [
      '# Development secrets for docker compose, written by `npm run keys -- --env`. Never commit this file.',
      ...Object.entries(vars).map(([k, v]) => envLine(k, v)),
      '',
    ];
    const text = Buffer.from(lines.join('\n'));
    if (fstatSync(1).isFile()) {
      // `npm run keys -- --env > .env` : npm has already written its "> nrm-platform keys" banner into
      // the file, which compose cannot parse. Write from the start of the file and cut it there.
      writeSync(1, text, 0, text.length, 0);
      ftruncateSync(1, text.length);
    } else {
      process.stdout.write(text);
    }
  } else {
    process.stderr.write(`development keys in ${KEYS_DIR}: ${Object.keys(vars).join(', ')}\n`);
    process.stderr.write('`npm run keys -- --env > .env` writes them for docker compose\n');
  }
}
