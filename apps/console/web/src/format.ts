import { INTL_LOCALE, type Locale } from './i18n';

const intl = (locale: string) => INTL_LOCALE[locale as Locale] ?? 'az-Latn-AZ';

export function formatDateTime(value: string | undefined | null, locale: string): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(intl(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function formatDate(value: string | undefined | null, locale: string): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(intl(locale), { dateStyle: 'medium' }).format(new Date(value));
}

/** AZN from qəpik (integer minor units), with the locale's separators. */
export function formatMoney(minor: number | undefined | null, locale: string): string {
  if (minor === undefined || minor === null) return '';
  return new Intl.NumberFormat(intl(locale), {
    style: 'currency',
    currency: 'AZN',
    minimumFractionDigits: 2,
  }).format(minor / 100);
}

/** "12:03:09" or "2 d 03:04:05" from milliseconds. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
  return d > 0 ? `${d} d ${hms}` : hms;
}

/** Whole AZN (as typed in a form, "12.50" or "12,50") to qəpik; NaN if it is not an amount. */
export function toMinor(text: string): number {
  const normalised = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return Number.NaN;
  return Math.round(Number(normalised) * 100);
}
