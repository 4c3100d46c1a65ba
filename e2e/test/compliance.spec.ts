import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '../..');

interface Compliance {
  collectTags(files: string[]): Map<string, { file: string; line: number; note: string }[]>;
  collectTests(files: string[]): Map<string, { file: string; name: string }[]>;
  analyse(): { problems: string[]; tags: Map<string, unknown[]>; tests: Map<string, unknown[]> };
}
const load = async () =>
  (await import(pathToFileURL(path.join(root, 'scripts/compliance.mjs')).href)) as Compliance;

describe('npm run compliance', () => {
  it('counts only @clause tags in runtime source as enforcement, never mentions, help texts or test helpers', async () => {
    const { collectTags } = await load();
    const dir = mkdtempSync(path.join(tmpdir(), 'nrm-compliance-'));
    const write = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
      return path.join(dir, rel);
    };
    const files = [
      write('src/rule.ts', '// @clause R-4.5 only the unit\nexport const a = 1; // R-4.4 mentioned only\n'),
      write('src/metrics.ts', "counter('x', 'Handover requests refused (R-4.4, R-4.5)');\n"),
      write('test/support/helper.ts', '// @clause R-6.6 a helper does not enforce anything\n'),
      write('src/rule.spec.ts', '// @clause R-3.10 nor does a test\n'),
    ];
    const tags = collectTags(files);
    expect([...tags.keys()]).toEqual(['R-4.5']);
    expect(tags.get('R-4.5')![0]).toMatchObject({ line: 1, note: 'only the unit' });
  });

  it('reads test names that start with a clause id, including it.each', async () => {
    const { collectTests } = await load();
    const dir = mkdtempSync(path.join(tmpdir(), 'nrm-compliance-'));
    const file = path.join(dir, 'x.spec.ts');
    writeFileSync(
      file,
      "it('R-4.5 refuses a prosecutor', () => {});\nit.each([1])('R-6.6 fits %s', () => {});\nit('refuses (R-4.4) later in the name', () => {});\n",
    );
    const tests = collectTests([file]);
    expect([...tests.keys()].sort()).toEqual(['R-4.5', 'R-6.6']);
  });

  it('finds a test for every tagged clause and a tag for every clause a test cites', async () => {
    const { analyse } = await load();
    const { problems, tags } = analyse();
    expect(problems).toEqual([]);
    expect(tags.size).toBeGreaterThan(20);
  });
});
