/**
 * usePresenceSubscription against the mock server's msw face. What counts is
 * what the server holds (server.core.realtime.isUserInContext), not what the
 * client believes.
 */
import { kiloclawConversationContext, presenceContextForConversation } from '@kilocode/event-service';
import { render, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, describe, expect, it } from 'vitest';
import { usePresenceSubscription } from '../src/index';
import { createUserSession, startMswServer, type UserSession } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());

const eventContext = () => kiloclawConversationContext(server.demo.sandboxId, server.demo.welcomeConversationId);
const presenceContext = () => presenceContextForConversation(server.demo.sandboxId, server.demo.welcomeConversationId);
const held = (session: UserSession, context: string) => server.core.realtime.isUserInContext(session.userId, context);

function Holder({ context, active = true }: { context: string | null; active?: boolean }): ReactNode {
  usePresenceSubscription(context, active);
  return null;
}

function Screen({ first, second, context }: { first: boolean; second: boolean; context: string }): ReactNode {
  return (
    <>
      {first && <Holder context={context} />}
      {second && <Holder context={context} />}
    </>
  );
}

/** Lets the socket carry anything the client sent, then reads the server. */
async function settle(session: UserSession): Promise<void> {
  await waitFor(() => expect(session.events.state).toBe('open'));
  await new Promise((resolve) => setTimeout(resolve, 30));
}

describe('usePresenceSubscription (msw face)', () => {
  it('W17: two components on one context never cancel each other; the server drops it only after both unmount', async () => {
    const alice = await createUserSession(server, 'alice', { connect: true });
    const context = presenceContext();
    const view = render(<Screen first second context={context} />, { wrapper: alice.wrapper });
    await waitFor(() => expect(held(alice, context)).toBe(true));

    view.rerender(<Screen first={false} second context={context} />);
    await settle(alice);
    expect(held(alice, context)).toBe(true);

    view.rerender(<Screen first={false} second={false} context={context} />);
    await waitFor(() => expect(held(alice, context)).toBe(false));
    expect(alice.events.activeContexts()).not.toContain(context);

    // And the other way round: the second one leaving first.
    view.rerender(<Screen first second context={context} />);
    await waitFor(() => expect(held(alice, context)).toBe(true));
    view.rerender(<Screen first second={false} context={context} />);
    await settle(alice);
    expect(held(alice, context)).toBe(true);
    view.rerender(<Screen first={false} second={false} context={context} />);
    await waitFor(() => expect(held(alice, context)).toBe(false));
    expect(alice.events.state).toBe('open'); // released by the hooks, not by a closed socket
    view.unmount();
    alice.close();
  });

  it('W17: a holder elsewhere in the app (another hook on the same context) survives this hook unmounting', async () => {
    const alice = await createUserSession(server, 'alice', { connect: true });
    const context = eventContext();
    const elsewhere = alice.events.subscribe([context]); // e.g. the message list's own subscription
    const view = render(<Screen first second={false} context={context} />, { wrapper: alice.wrapper });
    await waitFor(() => expect(held(alice, context)).toBe(true));
    view.rerender(<Screen first={false} second={false} context={context} />);
    await settle(alice);
    expect(held(alice, context)).toBe(true);
    elsewhere.unsubscribe();
    await waitFor(() => expect(held(alice, context)).toBe(false));
    view.unmount();
    alice.close();
  });

  it("under StrictMode's double mount one component holds the context once: unmounting releases it on the server", async () => {
    const alice = await createUserSession(server, 'alice', { connect: true, strict: true });
    const context = presenceContext();
    const view = render(<Screen first second={false} context={context} />, { wrapper: alice.wrapper });
    await waitFor(() => expect(held(alice, context)).toBe(true));
    view.rerender(<Screen first={false} second={false} context={context} />);
    await waitFor(() => expect(held(alice, context)).toBe(false)); // a leaked double reference would keep it
    expect(alice.events.state).toBe('open');
    view.unmount();
    alice.close();
  });

  it('subscribes only while active; turning active off releases it', async () => {
    const alice = await createUserSession(server, 'alice', { connect: true });
    const context = presenceContext();
    const view = render(<Holder context={context} active={false} />, { wrapper: alice.wrapper });
    await settle(alice);
    expect(held(alice, context)).toBe(false);
    view.rerender(<Holder context={context} active />);
    await waitFor(() => expect(held(alice, context)).toBe(true));
    view.rerender(<Holder context={context} active={false} />);
    await waitFor(() => expect(held(alice, context)).toBe(false));
    view.unmount();
    alice.close();
  });

  it('W17: null and the empty string both mean "no context" (nothing subscribed, nothing thrown)', async () => {
    const alice = await createUserSession(server, 'alice', { connect: true });
    const view = render(
      <>
        <Holder context={null} />
        <Holder context="" />
      </>,
      { wrapper: alice.wrapper },
    );
    await settle(alice);
    expect(alice.events.activeContexts()).toEqual([]);
    view.unmount();
    alice.close();
  });

  it('moving to another context releases the old one and holds the new one', async () => {
    const alice = await createUserSession(server, 'alice', { connect: true });
    const first = presenceContext();
    const second = presenceContextForConversation(server.demo.sandboxId, server.demo.teamConversationId);
    const view = render(<Holder context={first} />, { wrapper: alice.wrapper });
    await waitFor(() => expect(held(alice, first)).toBe(true));
    view.rerender(<Holder context={second} />);
    await waitFor(() => expect(held(alice, second)).toBe(true));
    await waitFor(() => expect(held(alice, first)).toBe(false));
    view.unmount();
    alice.close();
  });

  it('a subscription made before the socket opens is sent when it opens', async () => {
    const alice = await createUserSession(server, 'alice');
    const context = presenceContext();
    const view = render(<Holder context={context} />, { wrapper: alice.wrapper });
    expect(alice.events.activeContexts()).toEqual([context]);
    await alice.events.connect();
    await waitFor(() => expect(held(alice, context)).toBe(true));
    view.unmount();
    alice.close();
  });

  it('does nothing (and does not crash the tree) when the event client was already disposed', async () => {
    const alice = await createUserSession(server, 'alice');
    alice.events.dispose();
    const view = render(<Holder context={presenceContext()} />, { wrapper: alice.wrapper });
    view.unmount();
    alice.close();
  });

  it('throws the reference message outside the provider', () => {
    expect(() => renderHook(() => usePresenceSubscription(presenceContext(), true))).toThrow(
      'useEventServiceClient: missing KiloChatHooksProvider',
    );
  });
});
