// Types of chaos.mjs, for TypeScript callers (tests).
export function runChaos(opts: {
  adminUrl: string;
  amqpBaseUrl: string;
  durationSeconds?: number;
  rate?: number;
  realRestarts?: boolean;
  jwtPrivateKeyPem?: string;
  jwtPublicKeyPem?: string;
  log?: (m: string) => void;
  keep?: boolean;
  /** Kill both instances of every service (default), or one instance of each. */
  killEveryInstance?: boolean;
}): Promise<{
  injected: { sigkill: number; brokerConnectionsClosed: number; postgresRestarts: number };
  counted: Record<string, number | boolean>;
  problems: string[];
  accepted: { referrals: number; shelterRequests: number; payouts: number };
}>;
