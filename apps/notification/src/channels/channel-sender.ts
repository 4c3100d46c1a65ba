import type { Channel, Language } from '../routing/channels.js';

/** What a channel sends: the rendered message and its identity (the delivery id lets receivers dedupe). */
export interface OutgoingMessage {
  deliveryId: string;
  eventId: string;
  eventType: string;
  occurredAt: Date;
  language: Language;
  subject: string;
  text: string;
  /** Whitelisted values only (case number, victimRef …). */
  variables: Record<string, string>;
}

/** Where to send it, decrypted only for the duration of the attempt. */
export interface Destination {
  address: string;
  /** Webhook signing secret (`whsec_…`). */
  secret?: string;
}

/** How one attempt ended. `error` is short and never contains message content. */
export interface SendResult {
  ok: boolean;
  /** HTTP status or SMTP reply code, when the receiver answered. */
  responseCode?: number;
  error?: string;
  timedOut?: boolean;
}

/** One delivery channel. Implementations answer with a result; an exception counts as a failure. */
export interface ChannelSender {
  readonly channel: Channel;
  send(message: OutgoingMessage, destination: Destination, signal: AbortSignal): Promise<SendResult>;
  /** Releases pooled connections; called once no send is in flight any more. */
  close?(): void;
}

/** Injection token of the list of channel senders. */
export const CHANNEL_SENDERS = Symbol('nrm:notification:channel-senders');

const EMAIL = /[^\s<>"'@]+@[^\s<>"'@]+/g;
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

/**
 * Removes e-mail addresses, URLs and phone numbers from an error text: it ends up in the delivery
 * log, the logs and `notification.delivery.failed`, which must carry no contact details (R-1.3.2:
 * nothing that identifies a person leaves through notifications).
 */
export function redactContacts(text: string): string {
  return text
    .replace(URL_LIKE, '[url]')
    .replace(EMAIL, '[address]')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 9 ? '[number]' : m));
}

/** Short, content-free description of a transport error (`ECONNREFUSED`, `timeout` …). */
export function describeError(err: unknown, signal?: AbortSignal): SendResult {
  if (signal?.aborted) return { ok: false, timedOut: true, error: 'timed out' };
  const e = err as {
    code?: unknown;
    cause?: { code?: unknown; message?: unknown };
    message?: unknown;
    responseCode?: unknown;
  };
  const code =
    typeof e?.cause?.code === 'string' ? e.cause.code : typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : 'send failed';
  return {
    ok: false,
    responseCode: typeof e?.responseCode === 'number' ? e.responseCode : undefined,
    error: redactContacts(code ? `${code}: ${message}` : message).slice(0, 300),
  };
}
