import type { TranslationMessages } from 'react-admin';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { az } from './az';
import { en } from './en';
import { raAz, raRu } from './ra';
import { ru } from './ru';

export const LOCALES = [
  { locale: 'az', name: 'Azərbaycanca' },
  { locale: 'en', name: 'English' },
  { locale: 'ru', name: 'Русский' },
] as const;
export type Locale = (typeof LOCALES)[number]['locale'];

type Tree = { [key: string]: unknown };
/** `over` on top of `base`, recursively: a missing translation falls back to English. */
function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? merge((base[k] as Tree) ?? {}, v as Tree) : v;
  }
  return out;
}

const english = merge(englishMessages, en);
const messages: Record<Locale, Tree> = {
  en: english,
  az: merge(merge(english, { ra: raAz }), az),
  ru: merge(merge(english, { ra: raRu }), ru),
};

export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[(locale as Locale) in messages ? (locale as Locale) : 'az'] as TranslationMessages,
  'az',
  LOCALES.map((l) => ({ locale: l.locale, name: l.name })),
  { allowMissing: true },
);

/** BCP 47 tags for Intl formatting. */
export const INTL_LOCALE: Record<Locale, string> = { az: 'az-Latn-AZ', en: 'en-GB', ru: 'ru-RU' };
