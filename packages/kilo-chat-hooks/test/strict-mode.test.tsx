import { kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { render, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { useKiloChatClient, useMessageCacheUpdater, useMessages, usePresenceSubscription } from '../src/index';
import { createUserSession, startMswServer, type UserSession } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());

/** Counts sockets the server accepts and the context frames it receives, per context. */
function watchServerSockets() {
  const realtime = server.core.realtime;
  const attach = realtime.attach.bind(realtime);
  const counts = { sockets: 0, subscribe: new Map<string, number>(), unsubscribe: new Map<string, number>() };
  const spy = vi.spyOn(realtime, 'attach').mockImplementation((userId, port) => {
    counts.sockets++;
    const session = attach(userId, port);
    const receive = session.receive.bind(session);
    session.receive = (text: string) => {
      if (text.startsWith('{')) {
        const frame = JSON.parse(text) as { type: string; contexts?: string[] };
        const tally = frame.type === 'context.subscribe' ? counts.subscribe : frame.type === 'context.unsubscribe' ? counts.unsubscribe : null;
        for (const context of frame.contexts ?? []) tally?.set(context, (tally.get(context) ?? 0) + 1);
      }
      receive(text);
    };
    return session;
  });
  return { counts, restore: () => spy.mockRestore() };
}

function ConversationPane({ sandboxId, conversationId }: { sandboxId: string; conversationId: string }) {
  const client = useKiloChatClient();
  const messages = useMessages(client, conversationId);
  useMessageCacheUpdater(client, sandboxId, conversationId);
  usePresenceSubscription(kiloclawConversationContext(sandboxId, conversationId), true);
  usePresenceSubscription(kiloclawInstanceContext(sandboxId), true);
  return <p>{messages.data?.messages.length ?? 0} messages</p>;
}

function Screen({ panes, conversationId }: { panes: number; conversationId: string }) {
  return (
    <>
      {Array.from({ length: panes }, (_, i) => (
        <ConversationPane key={i} sandboxId={server.demo.sandboxId} conversationId={conversationId} />
      ))}
    </>
  );
}

let session: UserSession | undefined;
afterEach(() => session?.close());

describe('StrictMode and many mounts', () => {
  it('opens one socket and one wire subscription per context for several panes on one conversation', async () => {
    const watch = watchServerSockets();
    session = await createUserSession(server, 'alice', { strict: true, connect: true });
    const instance = kiloclawInstanceContext(server.demo.sandboxId);
    const welcome = kiloclawConversationContext(server.demo.sandboxId, server.demo.welcomeConversationId);
    const team = kiloclawConversationContext(server.demo.sandboxId, server.demo.teamConversationId);

    let showTeam: (show: boolean) => void = () => {};
    function App() {
      const [team, setTeam] = useState(false);
      showTeam = setTeam;
      return (
        <>
          <Screen panes={3} conversationId={server.demo.welcomeConversationId} />
          {team ? <Screen panes={2} conversationId={server.demo.teamConversationId} /> : null}
        </>
      );
    }
    const view = render(<App />, { wrapper: session.wrapper });
    await waitFor(() => expect(server.core.realtime.isUserInContext('alice', welcome)).toBe(true));
    await waitFor(() => expect(view.getAllByText(/2 messages/)).toHaveLength(3));

    // Panes mounted while the socket is already open (StrictMode mounts each effect twice).
    view.rerender(<App />);
    showTeam(true);
    await waitFor(() => expect(server.core.realtime.isUserInContext('alice', team)).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(watch.counts.sockets).toBe(1);
    expect(server.core.realtime.sessions()).toHaveLength(1);
    expect(watch.counts.subscribe.get(welcome)).toBe(1);
    expect(watch.counts.subscribe.get(instance)).toBe(1);
    expect(watch.counts.subscribe.get(team)).toBe(1);
    expect(watch.counts.unsubscribe.size).toBe(0);

    // Unmounting one pane of a context keeps the server-side subscription; the last one releases it.
    showTeam(false);
    await waitFor(() => expect(server.core.realtime.isUserInContext('alice', team)).toBe(false));
    expect(server.core.realtime.isUserInContext('alice', welcome)).toBe(true);

    view.unmount();
    await waitFor(() => expect(server.core.realtime.sessions()).toHaveLength(0));
    expect(watch.counts.sockets).toBe(1);
    watch.restore();
  });
});
