#!/usr/bin/env node
// Prints a development token: npm run token -- --role ROLE --org ORG --sub ID [--ttl 8h]
// Signed with the local development key (.keys/, created on first use, git-ignored); the services
// started by `npm start` trust its public key.
import { SignJWT, importPKCS8 } from 'jose';
import { parseArgs } from 'node:util';
import { devJwtKeys } from './lib/dev-keys.mjs';

const ROLES = [
  'agency_officer',
  'police_duty_officer',
  'facility_staff',
  'fund_officer',
  'fund_approver',
  'coordinator',
  'operator',
  'admin',
  'service_provider',
];

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});
const problems = [];
if (!values.role || !ROLES.includes(values.role)) problems.push(`--role must be one of ${ROLES.join(', ')}`);
if (!values.org)
  problems.push('--org is required (an organisation or facility code, e.g. MIA, MIA-SPU, FUND, NC)');
if (problems.length) {
  process.stderr.write(
    `usage: npm run token -- --role ROLE --org ORG --sub ID [--ttl 8h]\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
  );
  process.exit(2);
}
const { privateKeyPem } = devJwtKeys();
const token = await new SignJWT({ role: values.role, org: values.org })
  .setProtectedHeader({ alg: 'ES256' })
  .setSubject(values.sub ?? `${values.role}@${values.org}`)
  .setIssuedAt()
  .setExpirationTime(values.ttl)
  .sign(await importPKCS8(privateKeyPem, 'ES256'));
process.stdout.write(`${token}\n`);
