import { EventServiceClient } from '@kilocode/event-service';
import { KiloChatClient } from '@kilocode/kilo-chat';
import { BadgeClient } from '@kilocode/notifications';

/** The clients of one signed-in user. Created once per sign-in, disposed at sign-out. */
export interface ChatSession {
  userId: string;
  kiloChatClient: KiloChatClient;
  eventService: EventServiceClient;
  badgeClient: BadgeClient;
  dispose(): void;
}

/** Where the chat API and the event service live: the page's own origin unless configured. */
export function serviceOrigin(): string {
  const configured = import.meta.env?.VITE_KILO_CHAT_URL as string | undefined;
  return configured && configured !== '' ? configured.replace(/\/+$/, '') : window.location.origin;
}

/** Seconds of a demo token's life; the session fetches a new one a minute before it ends. */
const TOKEN_TTL_SECONDS = 3600;

/**
 * Creates the clients of `userId` against `origin`. The token comes from the
 * mock server's development route `POST /_dev/token` (a real app gets it from
 * its sign-in); it lives only in memory and never goes into a URL.
 */
export function createChatSession(userId: string, origin: string): ChatSession {
  let token: { value: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const mint = async (): Promise<string> => {
    const response = await fetch(`${origin}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, expiresInSeconds: TOKEN_TTL_SECONDS }),
    });
    if (!response.ok) throw new Error(`Could not sign in (${response.status})`);
    const body = (await response.json()) as { token: string };
    token = { value: body.token, expiresAt: Date.now() + (TOKEN_TTL_SECONDS - 60) * 1000 };
    return body.token;
  };

  const getToken = (): Promise<string> => {
    if (token && token.expiresAt > Date.now()) return Promise.resolve(token.value);
    pending ??= mint().finally(() => {
      pending = null;
    });
    return pending;
  };
  const forgetToken = (): 'retry' => {
    token = null;
    return 'retry';
  };

  const eventService = new EventServiceClient({ url: origin, getToken, onUnauthorized: forgetToken });
  const kiloChatClient = new KiloChatClient({ baseUrl: origin, getToken, eventService, onUnauthorized: forgetToken });
  const badgeClient = new BadgeClient({ baseUrl: origin, getToken, onUnauthorized: forgetToken });

  return {
    userId,
    kiloChatClient,
    eventService,
    badgeClient,
    dispose() {
      kiloChatClient.dispose();
      eventService.dispose();
    },
  };
}

const USER_KEY = 'kilo-web-chat.user';
const SANDBOX_KEY = 'kilo-web-chat.sandbox';

/**
 * The signed-in user of this tab. `?as=<user>` in the URL signs in (and is
 * removed from the address bar); otherwise the tab remembers its user in
 * sessionStorage, so two windows can be two users and a reload keeps each.
 */
export function initialUser(): string | null {
  const url = new URL(window.location.href);
  const asUser = url.searchParams.get('as')?.trim();
  if (asUser) {
    sessionStorage.setItem(USER_KEY, asUser);
    url.searchParams.delete('as');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return asUser;
  }
  return sessionStorage.getItem(USER_KEY);
}

export function rememberUser(userId: string | null): void {
  if (userId === null) {
    sessionStorage.removeItem(USER_KEY);
    sessionStorage.removeItem(SANDBOX_KEY);
  } else sessionStorage.setItem(USER_KEY, userId);
}

export function rememberedSandbox(): string | null {
  return sessionStorage.getItem(SANDBOX_KEY);
}

export function rememberSandbox(sandboxId: string): void {
  sessionStorage.setItem(SANDBOX_KEY, sandboxId);
}
