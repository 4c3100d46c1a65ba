// Types of platform.mjs, for TypeScript callers (tests).
import type { ChildProcess } from 'node:child_process';
export const root: string;
export const SERVICES: string[];
export const DEFAULT_PORTS: Record<string, number>;
/** V8 flags every spawned service gets (heap limits, as in deploy/entrypoint.sh; NRM_NODE_FLAGS overrides). */
export const NODE_FLAGS: string[];
export function serviceEnv(
  service: string,
  opts: { adminUrl: string; database: string; amqpUrl: string; port: number; extra?: Record<string, string> },
): Record<string, string>;
export function spawnService(
  service: string,
  env: Record<string, string>,
  opts?: { onLine?: (line: string, service: string) => void },
): ChildProcess;
export function waitReady(url: string, timeoutMs?: number): Promise<void>;
export interface PlatformProcess {
  service: string;
  instance: number;
  port: number;
  url: string;
  env: Record<string, string>;
  child?: ChildProcess;
  exits: number;
  start(): ChildProcess;
}
export function startPlatform(opts: {
  adminUrl: string;
  database: string;
  amqpUrl: string;
  instances?: number;
  basePort?: number;
  services?: string[];
  extraEnv?: Record<string, Record<string, string>>;
  onLine?: (line: string, service: string, instance: number) => void;
  readyTimeoutMs?: number;
  rewriteDatabaseUrl?: (service: string, url: string) => string;
  rewriteAmqpUrl?: (service: string, url: string) => string;
}): Promise<{
  procs: PlatformProcess[];
  urlOf(service: string, instance?: number): string;
  stop(): Promise<void>;
}>;
export function freePort(): Promise<number>;
