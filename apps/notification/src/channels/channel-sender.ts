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
// @clause no address, URL or phone number reaches the delivery log or events
export function redactContacts(text: string): string {
  return text
    .replace(URL_LIKE, '[url]')
    .replace(EMAIL, '[address]')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 9 ? '[number]' : m));
}

const FAILURES: readonly [RegExp, string][] = [
  [/^ERR_ADDRESS_NOT_ALLOWED$/, 'address not allowed'],
  [/^(ECONNREFUSED)$/, 'connection refused'],
  [
    /^(ETIMEDOUT|ESOCKETTIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|ETIME|ABORT_ERR)$/,
    'timed out',
  ],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NONAME|ENODATA)$/, 'address could not be resolved'],
  [/^(ECONNRESET|EPIPE|ECONNABORTED|UND_ERR_SOCKET|ERR_STREAM_PREMATURE_CLOSE)$/, 'connection reset'],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)$/, 'host unreachable'],
  [
    /^(EPROTO|ERR_TLS_.*|ERR_SSL_.*|CERT_.*|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_.*|ERR_OSSL_.*|HOSTNAME_MISMATCH|ETLS)$/,
    'TLS handshake failed',
  ],
  [/^EAUTH$/, 'SMTP authentication refused'],
  [/^(EENVELOPE|EMESSAGE)$/, 'message refused'],
  [/^(ECONNECTION|ESOCKET|EDNS)$/, 'connection failed'],
];

/**
 * What failed in an attempt, as a short fixed phrase (`connection refused`, `timed out`, `TLS
 * handshake failed`, `SMTP 550` …). Never the raw error text, an address, an IP or a port: the
 * delivery log is read by operators and must not tell what answers where inside the network (nor
 * carry contact details, R-1.3.2).
 */
export function describeError(err: unknown, signal?: AbortSignal): SendResult {
  if (signal?.aborted) return { ok: false, timedOut: true, error: 'timed out' };
  const e = err as {
    code?: unknown;
    originalCode?: unknown;
    cause?: { code?: unknown };
    name?: unknown;
    responseCode?: unknown;
  };
  // fetch wraps the socket's error in `cause`; nodemailer keeps it in `originalCode`.
  const code = [e?.cause?.code, e?.originalCode, e?.code].find((c): c is string => typeof c === 'string');
  const responseCode = typeof e?.responseCode === 'number' ? e.responseCode : undefined;
  const phrase = code ? FAILURES.find(([re]) => re.test(code))?.[1] : undefined;
  if (phrase === 'timed out' || e?.name === 'AbortError' || e?.name === 'TimeoutError')
    return { ok: false, timedOut: true, error: 'timed out' };
  if (responseCode !== undefined && (phrase === undefined || phrase === 'message refused'))
    return { ok: false, responseCode, error: `SMTP ${responseCode}` };
  return { ok: false, responseCode, error: phrase ?? 'send failed' };
}
