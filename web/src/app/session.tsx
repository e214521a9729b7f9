import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, type Me, type StageReply, setCsrfToken } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

// Where the browser stands in signing in: no session, a stage to complete, or signed in with `me`.
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed_out' }
  | { status: 'stage'; reply: StageReply }
  | { status: 'signed_in'; me: Me };

type SessionApi = {
  state: SessionState;
  /** Takes the answer of a sign-in step and moves to what comes next. */
  advance(reply: StageReply): Promise<void>;
  reload(): Promise<void>;
  signOut(): Promise<void>;
};

const SessionContext = createContext<SessionApi | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { setLocale, setTimeZone } = useI18n();

  const loadMe = useCallback(async () => {
    const me = await api<Me>('GET', '/api/v1/me');
    setLocale(me.user.locale);
    setTimeZone(me.user.timeZone);
    setState({ status: 'signed_in', me });
  }, [setLocale, setTimeZone]);

  const advance = useCallback(
    async (reply: StageReply) => {
      setCsrfToken(reply.csrfToken);
      if (reply.stage === 'active') await loadMe();
      else setState({ status: 'stage', reply });
    },
    [loadMe],
  );

  const reload = useCallback(async () => {
    try {
      await advance(await api<StageReply>('GET', '/api/v1/auth/session'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setState({ status: 'signed_out' });
      else throw error;
    }
  }, [advance]);

  const signOut = useCallback(async () => {
    await api('POST', '/api/v1/auth/sign-out').catch(() => undefined);
    setCsrfToken(undefined);
    setState({ status: 'signed_out' });
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <SessionContext.Provider value={{ state, advance, reload, signOut }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user's `me`; only for pages shown after sign-in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useMe before sign-in');
  return state.me;
}
