#!/usr/bin/env node
// npm run mutation: Stryker over the rule modules (stryker.config.mjs) with their unit tests, then the
// mutation score of each module. Each module is a run of its own, with only its own specs loaded:
// a mutant of a module's constants ("static") then reruns that module's specs, not every rule spec
// (one run over all nine took 22 minutes here, module by module they take a few). Extra arguments go
// to Stryker. MUTATE_ONLY="plan rules,routing" limits the run to some modules. Reports per module in
// reports/mutation/<module>.json and .html. Exits 1 when a module scores below 80 %.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_MODULES } from '../stryker.config.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const only = process.env.MUTATE_ONLY?.split(',');
const rows = [];
let low = false;
const startedAt = Date.now();
for (const [name, [target]] of Object.entries(RULE_MODULES)) {
  if (only && !only.includes(name)) continue;
  const run = spawnSync(
    process.execPath,
    ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        MUTATE_ONLY: name,
        NODE_OPTIONS: '--experimental-vm-modules',
        NODE_NO_WARNINGS: '1',
      },
    },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  const slug = name.replace(/\W+/g, '-');
  const json = path.join(root, 'reports/mutation/mutation.json');
  copyFileSync(json, path.join(root, `reports/mutation/${slug}.json`));
  copyFileSync(
    path.join(root, 'reports/mutation/mutation.html'),
    path.join(root, `reports/mutation/${slug}.html`),
  );
  const report = JSON.parse(readFileSync(json, 'utf8'));
  const [file, range] = target.split(':');
  const [from, to] = range ? range.split('-').map(Number) : [0, Infinity];
  const mutants = (report.files[file]?.mutants ?? []).filter(
    (m) => m.location.start.line >= from && m.location.end.line <= to,
  );
  const count = (...statuses) => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  if (score < 80) low = true;
  rows.push({
    module: name,
    file: target,
    mutants: detected + undetected,
    killed: detected,
    survived: undetected,
    score: `${score.toFixed(1)} %`,
  });
}
console.table(rows);
console.log(`mutation testing: ${rows.length} modules in ${Math.round((Date.now() - startedAt) / 1000)} s`);
process.exit(low ? 1 : 0);
