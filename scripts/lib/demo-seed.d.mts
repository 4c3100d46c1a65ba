// Types of demo-seed.mjs, for TypeScript callers (tests).
export const DEMO_CENTRE_CODE: string;
export function seedDemo(opts: {
  urls: Record<string, string>;
  token(who: { role: string; org: string; sub: string }): Promise<string>;
  referrals?: number;
  /** Victims reported by MNS, handed over and identified (default 12: enough for the annual report's k). */
  cohortSize?: number;
  log?: (msg: string) => void;
}): Promise<{
  referrals: { id: string; caseNumber: string; victimRef: string }[];
  cohort: { id: string; caseNumber: string; victimRef: string }[];
}>;
