// Types of demo-seed.mjs, for TypeScript callers (tests).
export const DEMO_CENTRE_CODE: string;
export function seedDemo(opts: {
  urls: Record<string, string>;
  token(who: { role: string; org: string; sub: string }): Promise<string>;
  referrals?: number;
  log?: (msg: string) => void;
}): Promise<{ referrals: { id: string; caseNumber: string; victimRef: string }[] }>;
