import { randomBytes } from 'node:crypto';
import type { ConsoleRole } from '../auth/claims.js';

/** A signed-in user's session; the tokens never leave the server. */
export interface Session {
  id: string;
  sub: string;
  name: string;
  role: ConsoleRole;
  org: string;
  accessToken: string;
  idToken?: string;
  createdAt: number;
  expiresAt: number;
}

/**
 * Sessions in memory, keyed by a random id (the value of the httpOnly cookie). One console instance
 * per user: several instances need sticky sessions. Expired sessions are dropped when seen and swept
 * periodically.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  create(data: Omit<Session, 'id' | 'createdAt'>): Session {
    const session: Session = { ...data, id: randomBytes(32).toString('base64url'), createdAt: this.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session, or `expired` if it existed and its time is up, or undefined. */
  get(id: string | undefined): Session | 'expired' | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return 'expired';
    }
    return session;
  }

  delete(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}
