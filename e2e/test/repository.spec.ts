import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const apps = readdirSync(path.join(root, 'apps')).filter((a) =>
  statSync(path.join(root, 'apps', a)).isDirectory(),
);

function walk(dir: string, keep: (f: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, keep, out);
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** Every document a reader of a clone sees: README.md, docs/, each app's README, SECURITY.md. */
function documents(): string[] {
  return [
    'README.md',
    'SECURITY.md',
    ...walk(path.join(root, 'docs'), (f) => /\.(md|json|ya?ml)$/.test(f)).map((f) => path.relative(root, f)),
    ...apps.map((a) => `apps/${a}/README.md`).filter((f) => existsSync(path.join(root, f))),
    ...walk(path.join(root, 'deploy'), (f) => f.endsWith('.md')).map((f) => path.relative(root, f)),
  ];
}

/** Files outside the repository that earlier versions pointed to; a clone does not have them. */
const OUTSIDE = /\.\.\/shared|\b(ARCHITECTURE|REGULATION|CONVENTIONS|STACK-NOTES)\.md\b/;

describe('a clone of the repository is self-contained', () => {
  it.each(documents())('%s points at nothing outside the repository (no ../ path)', (file) => {
    const text = read(file);
    const offending = text.split('\n').filter((line) => line.includes('../') || OUTSIDE.test(line));
    expect(offending).toEqual([]);
  });

  it('every relative link in the documents resolves to a file of the repository', () => {
    const broken: string[] = [];
    for (const file of documents().filter((f) => f.endsWith('.md'))) {
      for (const m of read(file).matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(path.resolve(root, path.dirname(file), target))) broken.push(`${file} -> ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('no source comment, test title, OpenAPI description or lint config points outside the repository', () => {
    const files = [
      'eslint.config.js',
      ...['apps', 'libs', 'e2e', 'scripts'].flatMap((d) =>
        walk(path.join(root, d), (f) => /\.(ts|tsx|mjs|js)$/.test(f)).map((f) => path.relative(root, f)),
      ),
    ].filter((f) => f !== path.relative(root, import.meta.filename));
    const offending = files.flatMap((f) =>
      read(f)
        .split('\n')
        .map((line, i) => ({ line, at: `${f}:${i + 1}` }))
        .filter(({ line }) => OUTSIDE.test(line))
        .map(({ at }) => at),
    );
    expect(offending).toEqual([]);
  });

  it('ships the regulation digest, the contract, the conventions, an Apache-2.0 LICENSE and a security policy', () => {
    const regulation = read('docs/regulation.md');
    expect(regulation).toContain('No 123');
    expect(regulation).toMatch(/2015/);
    for (const id of ['R-1.3.2', 'R-3.10', 'R-4.2', 'R-4.4', 'R-4.5', 'R-6.5', 'R-6.6']) {
      expect(regulation).toContain(`**${id}**`);
    }
    expect(read('docs/architecture.md')).toContain('handover-recipient-not-allowed');
    expect(read('docs/DEVELOPING.md')).toContain('@clause');
    const license = read('LICENSE');
    expect(license).toContain('Apache License');
    expect(license).toContain('Version 2.0, January 2004');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    expect(JSON.parse(read('package.json')).license).toBe('Apache-2.0');
    expect(read('SECURITY.md')).toMatch(/vulnerabilit/i);
  });
});

/** Variables listed in .env.example, set or commented out (`# NAME=`). */
function envExampleNames(): Set<string> {
  const names = new Set<string>();
  for (const line of read('.env.example').split('\n')) {
    const m = /^\s*#?\s*([A-Z][A-Z0-9_]+)=/.exec(line);
    if (m) names.add(m[1]);
  }
  return names;
}

/** Every class exported by a service's config module that has a PORT (i.e. extends BaseConfig). */
async function configClasses(): Promise<{ app: string; cls: new () => object }[]> {
  const found: { app: string; cls: new () => object }[] = [];
  for (const app of apps) {
    const dir = path.join(root, 'apps', app, 'src/config');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => /\.config\.ts$/.test(f))) {
      const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        if (typeof value !== 'function') continue;
        const instance = (() => {
          try {
            return new (value as new () => object)();
          } catch {
            return undefined;
          }
        })();
        if (instance && 'PORT' in instance) found.push({ app, cls: value as new () => object });
      }
    }
  }
  return found;
}

describe('.env.example', () => {
  it("lists every variable of every service's config class", async () => {
    const listed = envExampleNames();
    const classes = await configClasses();
    expect(classes.map((c) => c.app)).toEqual(
      expect.arrayContaining(['referral', 'shelter', 'compensation', 'notification']),
    );
    const missing = classes.flatMap(({ app, cls }) =>
      // Class fields use [[Define]] semantics: every declared variable is an own property, even unset.
      Object.keys(new cls())
        .filter((name) => !listed.has(name))
        .map((name) => `${app}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('holds no real secret: every key value is a placeholder', () => {
    for (const line of read('.env.example').split('\n')) {
      const m = /^\s*([A-Z_]*(KEYS|KEY|PASSWORD|TOKEN|SECRET))=(\S*)/.exec(line);
      if (m && !m[1].endsWith('_ID'))
        expect(m[3]).toMatch(/^$|CHANGE_ME|BASE64|k1:BASE64|\.\.\.|"-----BEGIN/);
    }
  });
});

describe('examples/', () => {
  /** Each body the README walkthroughs post, with the DTO its endpoint validates it against. */
  const bodies: [string, string, string][] = [
    ['duty-roster.json', 'apps/referral/src/roster/dto/put-duty-roster.dto.ts', 'PutDutyRosterDto'],
    ['referral.json', 'apps/referral/src/referrals/dto/create-referral.dto.ts', 'CreateReferralDto'],
    ['handover.json', 'apps/referral/src/handover/dto/handover.dto.ts', 'RequestHandoverDto'],
    ['fund-inflow.json', 'apps/compensation/src/ledger/dto/fund.dto.ts', 'CreateInflowDto'],
    ['claim.json', 'apps/compensation/src/claims/dto/claim.dto.ts', 'CreateClaimDto'],
    ['court-decision.json', 'apps/compensation/src/claims/dto/claim.dto.ts', 'CreateCourtDecisionDto'],
    ['recovery.json', 'apps/compensation/src/claims/dto/claim.dto.ts', 'CreateRecoveryDto'],
    ['payout-bank.json', 'apps/compensation/src/payouts/dto/payout.dto.ts', 'CreatePayoutDto'],
  ];

  it.each(bodies)('%s is a valid body for %s', async (file, dtoFile, dtoName) => {
    const body = JSON.parse(read(`examples/${file}`));
    const mod = (await import(pathToFileURL(path.join(root, dtoFile)).href)) as Record<
      string,
      new () => object
    >;
    const errors = await validate(plainToInstance(mod[dtoName], body), {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
    expect(errors.map((e) => e.property)).toEqual([]);
  });

  it('every example the READMEs post exists', () => {
    const docs = ['README.md', ...apps.map((a) => `apps/${a}/README.md`)].filter((f) =>
      existsSync(path.join(root, f)),
    );
    const posted = docs.flatMap((f) => [...read(f).matchAll(/-d @([\w./-]+)/g)].map((m) => m[1]));
    expect(posted.length).toBeGreaterThan(0);
    for (const p of posted) expect(existsSync(path.join(root, p))).toBe(true);
  });

  it('the README posts a valid Idempotency-Key (1-200 printable ASCII characters)', () => {
    for (const m of read('README.md').matchAll(/Idempotency-Key: ([^'"\n]+)['"]/g)) {
      expect(m[1]).toMatch(/^[\x21-\x7e]{1,200}$|^\$\(/);
    }
  });
});
