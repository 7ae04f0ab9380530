import { ChatApiError, ChatClient, type Session } from '@chat/client';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AuthScreen } from './components/auth';
import { ChatScreen } from './components/chat-screen';
import { loadSession, saveSession } from './lib/session-storage';
import { ChatStore, type WebConfig } from './model/chat-store';

/** Signed out: the login and register forms; signed in: the chat, its session kept across reloads. */
export function App({ config }: { config: WebConfig }) {
  const [session, setSession] = useState<Session | undefined>(() => loadSession(localStorage));
  const [startError, setStartError] = useState<string>();

  const store = useMemo(
    () =>
      session
        ? new ChatStore(config, session, (next) => {
            saveSession(localStorage, next);
            if (!next) setSession(undefined);
          })
        : undefined,
    // a new store only for a new sign-in (token refreshes keep the store)
    [session?.userId, session === undefined],
  );

  useEffect(() => {
    if (!store) return;
    setStartError(undefined);
    store.start().catch((error: unknown) => {
      if (error instanceof ChatApiError && error.status === 401) {
        // the kept session is no longer valid (logged out elsewhere, expired)
        saveSession(localStorage, undefined);
        setSession(undefined);
        return;
      }
      setStartError(error instanceof Error ? error.message : String(error));
    });
    return () => store.dispose();
  }, [store]);

  if (!store) {
    const signIn = async (username: string, password: string) => {
      const client = new ChatClient({ httpUrl: config.httpUrl, wsUrl: config.wsUrl });
      const next = await client.login({ username, password });
      await client.close();
      saveSession(localStorage, next);
      setSession(next);
    };
    const register = async (username: string, email: string, password: string) => {
      const client = new ChatClient({ httpUrl: config.httpUrl, wsUrl: config.wsUrl });
      await client.register({ username, email, password });
      await client.close();
      await signIn(username, password);
    };
    return <AuthScreen onSignIn={signIn} onRegister={register} />;
  }
  return (
    <ChatScreen
      store={store}
      startError={startError}
      onLogout={async () => {
        await store.logout();
        saveSession(localStorage, undefined);
        setSession(undefined);
      }}
    />
  );
}
