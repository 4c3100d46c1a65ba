import { TEMPLATE_VARIABLES, type TemplateVariable } from './catalogue.js';

/** Envelope fields a message may mention besides the payload. */
export interface EventMeta {
  id: string;
  type: string;
}

const DATE_FIELDS = new Set<TemplateVariable>([
  'handoverDueAt',
  'handedOverAt',
  'expectedArrivalAt',
  'offerExpiresAt',
]);

/**
 * Picks the whitelisted, non-personal values of an event for its message: anything not
 * in {@link TEMPLATE_VARIABLES} — profile, needs, languages, officer ids — is dropped here and never
 * reaches a template, a webhook body or the delivery log.
 */
// @clause only whitelisted, non-personal values of an event reach a message
export function extractVariables(
  meta: EventMeta,
  data: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TEMPLATE_VARIABLES) {
    const value = data[name];
    if (typeof value === 'string' && value.length > 0) {
      out[name] = DATE_FIELDS.has(name) ? formatUtc(value) : value;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      out[name] = String(value);
    }
  }
  if (typeof data.amountMinor === 'number' && Number.isInteger(data.amountMinor)) {
    const currency = typeof data.currency === 'string' ? data.currency : 'AZN';
    out.amount = `${formatMinor(data.amountMinor)} ${currency}`;
  }
  // The failed-delivery payload names the event it is about; the envelope names this one.
  out.eventId ??= meta.id;
  out.eventType ??= meta.type;
  return out;
}

/** `2026-11-26T10:05:00.000Z` → `2026-11-26 10:05 UTC`; an unparseable value is kept as sent. */
export function formatUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Integer minor units (qəpik) → `123.45`. */
export function formatMinor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
