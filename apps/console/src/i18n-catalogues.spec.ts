// The console's languages (web/src/i18n): Azerbaijani and Russian say everything English says.
import { az } from '../web/src/i18n/az.js';
import { en } from '../web/src/i18n/en.js';
import { ru } from '../web/src/i18n/ru.js';

type Tree = { [key: string]: unknown };
/** `path → text` of every message in a catalogue. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (v && typeof v === 'object') for (const [p, t] of flatten(v as Tree, `${prefix}${k}.`)) out.set(p, t);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console message catalogues', () => {
  const english = flatten(en);

  it.each([
    ['az', az],
    ['ru', ru],
  ])('%s has every key of the English catalogue and no other', (_, catalogue) => {
    const keys = flatten(catalogue as Tree);
    expect([...english.keys()].filter((k) => !keys.has(k))).toEqual([]);
    expect([...keys.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it.each([
    ['az', az],
    ['ru', ru],
  ])('%s keeps every placeholder of the English message and leaves none empty', (_, catalogue) => {
    const keys = flatten(catalogue as Tree);
    const wrong = [...english].filter(([k, text]) => {
      const translated = keys.get(k) ?? '';
      return translated.trim() === '' || placeholders(translated).join() !== placeholders(text).join();
    });
    expect(wrong.map(([k]) => k)).toEqual([]);
  });
});
