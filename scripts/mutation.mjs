#!/usr/bin/env node
// npm run mutation: Stryker over the rule modules (stryker.config.mjs) with their unit tests, then the
// mutation score of each module. Extra arguments go to Stryker. MUTATE_ONLY="plan rules,routing"
// limits the run to some modules. Exits 1 when a module scores below 80 %.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULE_MODULES } from '../stryker.config.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const run = spawnSync(
  process.execPath,
  ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules', NODE_NO_WARNINGS: '1' },
  },
);
if (run.status !== 0) process.exit(run.status ?? 1);

const report = JSON.parse(readFileSync(path.join(root, 'reports/mutation/mutation.json'), 'utf8'));
const only = process.env.MUTATE_ONLY?.split(',');
const rows = [];
let low = false;
for (const [name, [target]] of Object.entries(RULE_MODULES)) {
  if (only && !only.includes(name)) continue;
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
process.exit(low ? 1 : 0);
