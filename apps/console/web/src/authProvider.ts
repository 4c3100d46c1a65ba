import type { AuthProvider } from 'react-admin';
import { api, ApiError, setCsrfToken } from './api';

export interface ConsoleUser {
  sub: string;
  name: string;
  role: string;
  org: string;
}
interface SessionInfo {
  user: ConsoleUser;
  expiresAt: string;
  csrfToken: string;
}

let current: SessionInfo | undefined;
/** Why the last session check failed (`session-expired`, `unauthorized`), shown on the sign-in page. */
export let lastAuthFailure: string | undefined;

async function loadSession(): Promise<SessionInfo> {
  try {
    current = await api<SessionInfo>('/auth/session');
    setCsrfToken(current.csrfToken);
    lastAuthFailure = undefined;
    return current;
  } catch (err) {
    current = undefined;
    setCsrfToken(undefined);
    if (err instanceof ApiError) lastAuthFailure = err.type;
    throw err;
  }
}

export function currentUser(): ConsoleUser | undefined {
  return current?.user;
}

/** Sign-in is the OpenID provider's: the console server runs the code flow and keeps the tokens. */
export const authProvider: AuthProvider = {
  login: async () => {
    window.location.assign('/auth/login');
    await new Promise(() => undefined);
  },
  logout: async () => {
    if (current) {
      const { endSessionUrl } = await api<{ endSessionUrl: string | null }>('/auth/logout', {
        method: 'POST',
      }).catch(() => ({
        endSessionUrl: null,
      }));
      current = undefined;
      setCsrfToken(undefined);
      if (endSessionUrl) {
        window.location.assign(endSessionUrl);
        await new Promise(() => undefined);
      }
    }
    return '/login';
  },
  checkAuth: async () => {
    if (current && new Date(current.expiresAt).getTime() > Date.now()) return;
    await loadSession();
  },
  checkError: async (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      lastAuthFailure = error.type;
      current = undefined;
      throw error;
    }
  },
  getIdentity: async () => {
    const s = current ?? (await loadSession());
    return { id: s.user.sub, fullName: s.user.name };
  },
  getPermissions: async () => {
    const s = current ?? (await loadSession().catch(() => undefined));
    return s?.user.role;
  },
};
