// Types of flows.mjs, for TypeScript callers (tests).
export function referralBody(i?: number, overrides?: Record<string, unknown>): Record<string, unknown>;
export type Urls = Record<'referral' | 'shelter' | 'compensation' | 'notification', string>;
export function prepareShelterFlow(opts: {
  urls: Urls;
  tokens: { admin: string };
  webhookUrl: string;
  secret: string;
  capacity?: number;
  facilityCode?: string;
  emailTo?: string;
}): Promise<{ facility: { id: string; code: string }; code: string }>;
export function reportAndRequestShelter(opts: {
  urls: Urls;
  agencyToken: string;
  i?: number;
  /** Honour Retry-After on 503/429 until this time (ms since the epoch). */
  retry?: { until: number; onRetry?: (status: number) => void };
}): Promise<{
  referral: { id: string; caseNumber: string; victimRef: string; status: string; handoverDueAt: string };
  request: { id: string; victimRef: string; service: string };
}>;
export interface WebhookDelivery {
  at: number;
  id: string;
  payload: {
    id: string;
    type: string;
    eventId: string;
    subject: string;
    text: string;
    data: Record<string, string>;
  };
}
export function startWebhookReceiver(opts: {
  secret: string;
  onDelivery?: (d: WebhookDelivery) => void;
}): Promise<{
  url: string;
  received: WebhookDelivery[];
  readonly rejected: number;
  close(): Promise<void>;
}>;
export function newWebhookSecret(): string;
