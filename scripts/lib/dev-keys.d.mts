// Types of dev-keys.mjs, for TypeScript callers (tests).
export const KEYS_DIR: string;
export function devJwtKeys(): { privateKeyPem: string; publicKeyPem: string };
export function devSecrets(): Record<string, Record<string, string>>;
