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

export type NewSession = Omit<Session, 'id' | 'createdAt'>;

/**
 * Where sessions are kept, keyed by a random id (the value of the httpOnly cookie). `get` answers the
 * live session, `expired` if it existed and its time is up, or undefined.
 */
export abstract class SessionStore {
  abstract create(data: NewSession): Promise<Session>;
  abstract get(id: string | undefined): Promise<Session | 'expired' | undefined>;
  abstract delete(id: string | undefined): Promise<void>;
  abstract close(): Promise<void>;

  /** A new session id: 256 random bits. */
  protected newId(): string {
    return randomBytes(32).toString('base64url');
  }
}

/**
 * Sessions in this process's memory: lost on restart and not shared between instances, so only for
 * development and tests without a database (DATABASE_URL unset). Expired ones are dropped when seen
 * and swept every minute.
 */
export class MemorySessionStore extends SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async create(data: NewSession): Promise<Session> {
    const session: Session = { ...data, id: this.newId(), createdAt: this.now() };
    this.sessions.set(session.id, session);
    return session;
  }

  async get(id: string | undefined): Promise<Session | 'expired' | undefined> {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return 'expired';
    }
    return session;
  }

  async delete(id: string | undefined): Promise<void> {
    if (id) this.sessions.delete(id);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}
