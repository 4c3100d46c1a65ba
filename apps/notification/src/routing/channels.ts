/** Delivery channels. Stored in tables and events: never rename a value. */
export const CHANNELS = ['email', 'webhook', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Languages of messages; `en` then `az` are the fallbacks. Stored in tables: never rename. */
export const LANGUAGES = ['az', 'en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];
