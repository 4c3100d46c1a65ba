#!/usr/bin/env node
// Writes docs/compliance.md: for each clause of the regulation (docs/regulation.md), the code that
// enforces it and the tests that prove it.
//
// - Enforcement is ONLY an explicit tag in non-test source (apps/*/src, libs/shared/src, not the
//   testing helpers): `// @clause R-4.5 why this code enforces it`, right above the enforcing
//   function or statement. A mention of a clause in a comment, a help text or a test helper counts
//   for nothing.
// - Proof is a test (it/test, also it.each) whose name starts with the clause id.
//
// `npm run compliance` regenerates the page; `npm run compliance -- --check` exits 1 when a tagged
// clause has no test, a test cites a clause no code is tagged with, or a tag or test names a clause
// the regulation does not have. `--json` prints the collected data (used by the tests).
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const CLAUSE_ID = 'R-\\d+(?:\\.\\d+)*';

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(p) && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const rel = (f) => path.relative(root, f).split(path.sep).join('/');
const isTestFile = (f) =>
  /\.(spec|int-spec|e2e-spec)\.tsx?$/.test(f) ||
  /(^|\/)test\//.test(rel(f)) ||
  /(^|\/)testing\//.test(rel(f));

/** Clause tags in runtime source: `@clause R-4.5[, R-4.4] text`. */
export function collectTags(files) {
  const tags = new Map(); // clause -> [{ file, line, note }]
  const tagRe = new RegExp(`@clause\\s+((?:${CLAUSE_ID})(?:\\s*,\\s*${CLAUSE_ID})*)\\s*(.*)$`);
  for (const file of files) {
    if (isTestFile(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      const m = tagRe.exec(text);
      if (!m) return;
      const note = m[2].replace(/\*\/\s*$/, '').trim();
      for (const clause of m[1].split(/\s*,\s*/)) {
        const list = tags.get(clause) ?? [];
        list.push({ file: rel(file), line: i + 1, note });
        tags.set(clause, list);
      }
    });
  }
  return tags;
}

/** Tests whose name starts with a clause id. */
export function collectTests(files) {
  const tests = new Map(); // clause -> [{ file, name }]
  const testRe = new RegExp(
    `\\b(?:it|test)(?:\\.(?:only|each\\([^)]*\\)|each\`[^\`]*\`))?\\(\\s*(['"\`])(${CLAUSE_ID})\\b(.*?)\\1`,
    'gs',
  );
  for (const file of files) {
    if (!isTestFile(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(testRe)) {
      const list = tests.get(m[2]) ?? [];
      list.push({ file: rel(file), name: `${m[2]}${m[3]}`.replace(/\s+/g, ' ') });
      tests.set(m[2], list);
    }
  }
  return tests;
}

/** Clause ids and their text from docs/regulation.md (`- **R-x.y** text`, wrapped lines joined). */
export function readRegulation(file = path.join(root, 'docs/regulation.md')) {
  const titles = new Map();
  let current;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*-\s+\*\*(R-[\d.]+)\*\*\s+(.*)$/.exec(line);
    if (m) {
      current = m[1];
      titles.set(current, m[2]);
    } else if (current && /^\s+\S/.test(line) && !/^\s*-/.test(line)) {
      titles.set(current, `${titles.get(current)} ${line.trim()}`);
    } else current = undefined;
  }
  for (const [k, v] of titles) titles.set(k, v.replace(/\*\*/g, '').slice(0, 220));
  return titles;
}

// Clauses that state aims, principles or the commission's own procedure: no code enforces them; say
// what the platform does instead of leaving the row empty.
const NOT_IN_CODE = {
  'R-1.1': 'Scope of the Rules: the whole platform.',
  'R-1.2': 'Aims: served by the clauses below.',
  'R-1.3': 'Principles: see R-1.3.1 to R-1.3.6.',
  'R-1.3.1':
    'Rights and freedoms: consent before every service (R-3.3, R-6.5), no data beyond need (R-1.3.2).',
  'R-1.3.3':
    'Equal treatment: placement and plans use only age, sex and needs (R-6.6); no other attribute is stored.',
  'R-1.3.5':
    'Cooperation of state bodies and NGOs: both report referrals, run facilities and plan measures (R-6.8).',
  'R-1.3.6':
    'International cooperation: international organisations can be registered and report (organisations API).',
  'R-2.1': "The commission's work: outside the software.",
  'R-2.3': "The commission's work: outside the software.",
  'R-2.5': "The commission's procedure: outside the software.",
  'R-2.6': 'Trainings of staff: outside the software.',
  'R-4.3':
    'Dignity during identification and handover: conduct of officers; the platform records who did what and when.',
};

const byNumber = (a, b) => {
  const pa = a.slice(2).split('.').map(Number);
  const pb = b.slice(2).split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? -1) !== (pb[i] ?? -1)) return (pa[i] ?? -1) - (pb[i] ?? -1);
  return 0;
};

export function analyse() {
  const files = [
    ...readdirSync(path.join(root, 'apps')).flatMap((a) => walk(path.join(root, 'apps', a))),
    ...walk(path.join(root, 'libs')),
    ...walk(path.join(root, 'e2e')),
  ];
  const tags = collectTags(files);
  const tests = collectTests(files);
  const titles = readRegulation();
  const problems = [];
  for (const c of tags.keys()) {
    if (!titles.has(c))
      problems.push(`${c} is tagged in ${tags.get(c)[0].file} but is not a clause of docs/regulation.md`);
    else if (!tests.has(c))
      problems.push(
        `${c} is enforced (${tags
          .get(c)
          .map((t) => `${t.file}:${t.line}`)
          .join(', ')}) but no test is named after it`,
      );
  }
  for (const c of tests.keys()) {
    if (!titles.has(c))
      problems.push(
        `${c} is cited by the test "${tests.get(c)[0].name}" (${tests.get(c)[0].file}) but is not a clause of docs/regulation.md`,
      );
    else if (!tags.has(c))
      problems.push(
        `${c} is cited by ${tests.get(c).length} test(s), e.g. "${tests.get(c)[0].name}" (${tests.get(c)[0].file}), but no code carries an @clause ${c} tag`,
      );
  }
  return { tags, tests, titles, problems };
}

function render({ tags, tests, titles, problems }) {
  const clauses = [...new Set([...titles.keys(), ...tags.keys(), ...tests.keys()])].sort(byNumber);
  const esc = (s) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Compliance with the regulation',
    '',
    'Generated by `npm run compliance` — do not edit. For each clause of `docs/regulation.md`: the code',
    'that **enforces** it (an explicit `@clause` tag in runtime source, with the reason given there) and',
    'the tests that **prove** it (tests whose name starts with the clause id, which fail if the rule is',
    'broken). Clauses that software cannot enforce say what the platform does instead.',
    '',
    '| clause | rule | enforced in | proved by |',
    '|---|---|---|---|',
  ];
  for (const c of clauses) {
    const where =
      (tags.get(c) ?? [])
        .map((t) => `\`${t.file}:${t.line}\`${t.note ? ` ${esc(t.note)}` : ''}`)
        .join('<br>') || (NOT_IN_CODE[c] ? `— ${NOT_IN_CODE[c]}` : '—');
    const proved = (tests.get(c) ?? []).map((t) => `\`${t.file}\`: ${esc(t.name)}`).join('<br>') || '—';
    lines.push(`| ${c} | ${esc(titles.get(c) ?? '')} | ${where} | ${proved} |`);
  }
  lines.push('');
  if (problems.length) lines.push('Open points:', '', ...problems.map((p) => `- ${p}`), '');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = analyse();
  if (process.argv.includes('--json')) {
    const plain = (m) => Object.fromEntries([...m].map(([k, v]) => [k, v]));
    process.stdout.write(
      JSON.stringify(
        { tags: plain(result.tags), tests: plain(result.tests), problems: result.problems },
        null,
        2,
      ),
    );
  } else if (process.argv.includes('--check')) {
    if (result.problems.length) {
      console.error(
        `compliance: ${result.problems.length} problem(s):\n${result.problems.map((p) => `  - ${p}`).join('\n')}`,
      );
      process.exit(1);
    }
    console.log(
      `compliance: ${result.tags.size} clauses tagged, every one proved by a test, every clause test backed by a tag`,
    );
  } else {
    writeFileSync(path.join(root, 'docs/compliance.md'), render(result));
    console.log(
      `docs/compliance.md: ${result.tags.size} clauses enforced, ${[...result.tests.values()].flat().length} tests`,
    );
  }
}
