import type { Language } from '../routing/channels.js';
import { TEMPLATES, TEMPLATE_VARIABLES, type MessageTemplate } from './catalogue.js';

/** A message ready to send. */
export interface RenderedMessage {
  /** The language actually used (after fallback). */
  language: Language;
  subject: string;
  text: string;
}

/** Languages tried after the recipient's own, in order. */
export const FALLBACK_LANGUAGES: readonly Language[] = ['en', 'az'];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;
const ALLOWED = new Set<string>(TEMPLATE_VARIABLES);
/** Shown for a whitelisted variable the event does not carry (e.g. no waiting-list position). */
export const MISSING_VALUE = '—';

/** Whether a message exists for an event type. */
export function hasTemplate(eventType: string): boolean {
  return Object.hasOwn(TEMPLATES, eventType);
}

/**
 * Renders the message of an event type in the recipient's language, falling back to English then
 * Azerbaijani. Only whitelisted variables are substituted; a placeholder naming anything
 * else is a programming error and throws, so a template can never pull another field in.
 */
export function renderMessage(
  eventType: string,
  language: Language,
  variables: Readonly<Record<string, string>>,
): RenderedMessage {
  const byLanguage = TEMPLATES[eventType];
  if (!byLanguage) throw new Error(`no template for ${eventType}`);
  const used = [language, ...FALLBACK_LANGUAGES].find((l) => byLanguage[l] !== undefined);
  if (!used) throw new Error(`no template language for ${eventType}`);
  const template: MessageTemplate = byLanguage[used];
  return {
    language: used,
    subject: interpolate(template.subject, variables),
    text: interpolate(template.text, variables),
  };
}

function interpolate(template: string, variables: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (!ALLOWED.has(name)) throw new Error(`template uses a variable that is not whitelisted: ${name}`);
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    // Values are single-line plain text: strip control characters so no header or line can be injected.
    return value === undefined || value === '' ? MISSING_VALUE : stripControlCharacters(value);
  });
}

function stripControlCharacters(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? ' ' : ch;
  }
  return out;
}
