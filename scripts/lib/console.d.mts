// Types of console.mjs, for TypeScript callers (tests).
import type { ChildProcess } from 'node:child_process';
type OnLine = (line: string, name: string) => void;
export function startDevOidcProcess(opts: {
  port: number;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accessTokenTtlSeconds?: number;
  onLine?: OnLine;
}): Promise<{ issuer: string; jwksUrl: string; child: ChildProcess; stop(): Promise<void> }>;
export function startConsoleProcess(opts: {
  port: number;
  publicUrl: string;
  issuer: string;
  clientSecret: string;
  upstreams: Record<string, string>;
  /** Signs the cookies and seals the stored sessions (default: a random one). */
  sessionSecret?: string;
  /** Sessions in this database's "console" schema (default: in the process's memory). */
  database?: { adminUrl: string; name: string };
  env?: Record<string, string>;
  onLine?: OnLine;
}): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }>;
export function newClientSecret(): string;
export function devToken(who: { role: string; org: string; sub: string }): Promise<string>;
