// Types of chaos.mjs, for TypeScript callers (tests).
/** Every phase, in the order run. */
export const PHASES: string[];

/** One phase's figures: flows accepted while it lasted (fault and recovery) and their duty alerts. */
export interface ChaosPhase {
  phase: string;
  accepted: number;
  delivered: number;
  lost: number;
  doubled: number;
  parked: number;
  /** From the end of the fault until the platform caught up; undefined if it did not. */
  recoveryMs: number | undefined;
}

export function runChaos(opts: {
  adminUrl: string;
  amqpBaseUrl: string;
  /** Length of the crash phase. */
  durationSeconds?: number;
  rate?: number;
  /** How long each outage (database, broker, recipients) lasts (default 60 000). */
  outageMs?: number;
  /** The phases to run (default all, in PHASES order). */
  phases?: string[];
  recoveryTimeoutMs?: number;
  jwtPrivateKeyPem?: string;
  jwtPublicKeyPem?: string;
  log?: (m: string) => void;
  keep?: boolean;
  /** Kill both instances of every service (default), or one instance of each. */
  killEveryInstance?: boolean;
}): Promise<{
  injected: {
    sigkill: number;
    brokerConnectionsClosed: number;
    postgresRestarts: number;
    databaseOutages: number;
    brokerOutages: number;
    recipientOutages: number;
  };
  counted: Record<string, number | boolean>;
  phases: ChaosPhase[];
  problems: string[];
  accepted: { referrals: number; shelterRequests: number; payouts: number };
}>;

/** The phases as a Markdown table. */
export function formatPhaseTable(phases: ChaosPhase[]): string;
