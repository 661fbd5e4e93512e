import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from './api';
import { ROLE_ORDER, type Role, type Whoami } from './api-types';
import { storeKey, storedKey } from './auth';

interface SessionState {
  /** Undefined while the key is being checked. */
  who: Whoami | null | undefined;
  error: string | null;
  signIn(key: string): Promise<boolean>;
  signOut(): void;
}

const SessionContext = createContext<SessionState>({
  who: null,
  error: null,
  signIn: async () => false,
  signOut: () => undefined,
});

export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const [who, setWho] = useState<Whoami | null | undefined>(storedKey() ? undefined : null);
  const [error, setError] = useState<string | null>(null);

  const check = useCallback(async (): Promise<boolean> => {
    try {
      setWho(await api.whoami());
      setError(null);
      return true;
    } catch (err) {
      // A rejected key is forgotten; a network error keeps it (the server may be restarting).
      if (err instanceof ApiError && err.status === 401) storeKey(null);
      setError(err instanceof Error ? err.message : String(err));
      setWho(null);
      return false;
    }
  }, []);

  useEffect(() => {
    if (storedKey()) void check();
  }, [check]);

  const signIn = useCallback(
    async (key: string) => {
      storeKey(key.trim());
      setWho(undefined);
      return check();
    },
    [check],
  );
  const signOut = useCallback(() => {
    storeKey(null);
    setWho(null);
  }, []);
  const value = useMemo(() => ({ who, error, signIn, signOut }), [who, error, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
};

export const useSession = (): SessionState => useContext(SessionContext);

export const hasRole = (who: Whoami | null | undefined, role: Role): boolean =>
  !!who && ROLE_ORDER.indexOf(who.role) >= ROLE_ORDER.indexOf(role);
