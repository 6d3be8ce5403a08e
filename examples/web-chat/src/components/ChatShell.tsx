import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useConnectionState } from '@kilocode/kilo-chat-hooks';
import { useSandboxes } from '../chat/conversations.js';
import { useSession } from '../chat/session-context.js';
import { rememberedSandbox, rememberSandbox } from '../session.js';
import { ConversationList } from './ConversationList.js';
import { ConversationView } from './ConversationView.js';

const PATH_RE = /^\/conversations\/([0-9A-HJKMNP-TV-Z]{26})\/?$/i;

function conversationFromPath(): string | null {
  return PATH_RE.exec(window.location.pathname)?.[1] ?? null;
}

/** The open conversation lives in the address (`/conversations/<id>`), so a reload or a shared link opens it again. */
function useOpenConversation() {
  const [conversationId, setConversationId] = useState<string | null>(conversationFromPath);
  useEffect(() => {
    const onPop = () => setConversationId(conversationFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const open = useCallback((id: string | null) => {
    const path = id ? `/conversations/${id}` : '/';
    if (window.location.pathname !== path) window.history.pushState(null, '', path);
    setConversationId(id);
  }, []);
  return [conversationId, open] as const;
}

export function ChatShell({ onSignOut }: { onSignOut: () => void }) {
  const { userId } = useSession();
  const [conversationId, openConversation] = useOpenConversation();
  const [chosenSandbox, setChosenSandbox] = useState<string | null>(() => rememberedSandbox());
  const remembered = useMemo(() => (chosenSandbox ? [chosenSandbox] : []), [chosenSandbox]);
  const { sandboxes, isPending: sandboxesPending } = useSandboxes(remembered);
  const sandboxId = chosenSandbox ?? sandboxes[0] ?? null;
  const pickerId = useId();

  const chooseSandbox = (id: string) => {
    rememberSandbox(id);
    setChosenSandbox(id);
    openConversation(null);
  };

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">Kilo Chat</h1>
        <div className="sandbox-picker">
          <label htmlFor={pickerId}>Sandbox</label>
          <select
            id={pickerId}
            value={sandboxId ?? ''}
            onChange={(event) => {
              if (event.target.value === '__other') {
                const id = window.prompt('Sandbox id')?.trim();
                if (id) chooseSandbox(id);
              } else chooseSandbox(event.target.value);
            }}
          >
            {sandboxId === null && <option value="">{sandboxesPending ? 'Loading…' : 'No sandbox'}</option>}
            {sandboxes.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
            <option value="__other">Other sandbox…</option>
          </select>
        </div>
        <div className="user">
          <span className="avatar" aria-hidden="true">
            {userId.slice(0, 1).toUpperCase()}
          </span>
          <span className="user-name">
            Signed in as <strong>{userId}</strong>
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <ConnectionBanner />
      <div className="app-body">
        {sandboxId ? (
          <>
            <ConversationList sandboxId={sandboxId} activeId={conversationId} onOpen={openConversation} />
            {conversationId ? (
              <ConversationView key={conversationId} sandboxId={sandboxId} conversationId={conversationId} onLeft={() => openConversation(null)} />
            ) : (
              <main className="empty-state" aria-label="Conversation">
                <p>Pick a conversation, or start a new one.</p>
              </main>
            )}
          </>
        ) : (
          <main className="empty-state">
            <p>{sandboxesPending ? 'Loading your sandboxes…' : 'You have no conversations yet. Choose “Other sandbox…” to open one by id.'}</p>
          </main>
        )}
      </div>
    </div>
  );
}

/** What the event socket is doing, when it is not simply open. */
function ConnectionBanner() {
  const { state, lastChange } = useConnectionState();
  const { eventService } = useSession();
  if (state === 'open' || state === 'idle' || state === 'connecting') return null;
  if (state === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert">
        Your session is no longer accepted by the event service.{' '}
        <button type="button" onClick={() => void eventService.connect().catch(() => undefined)}>
          Try again
        </button>
      </div>
    );
  }
  if (state === 'closed') {
    return (
      <div className="banner banner-warn" role="status">
        Disconnected.{' '}
        <button type="button" onClick={() => void eventService.connect().catch(() => undefined)}>
          Reconnect
        </button>
      </div>
    );
  }
  return (
    <div className="banner banner-warn" role="status">
      Reconnecting to live updates
      {lastChange?.state === 'reconnecting' && lastChange.retryInMs !== undefined && lastChange.retryInMs >= 1000
        ? ` (next try in ${Math.ceil(lastChange.retryInMs / 1000)} s)`
        : ''}
      …
    </div>
  );
}
