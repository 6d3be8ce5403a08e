/**
 * useConnectionState over a real EventServiceClient talking to the mock
 * server's msw face; transitions are caused by the client's API and by the
 * server's fault controls.
 */
import { EventServiceClient, type ConnectionState } from '@kilocode/event-service';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionStateStore, useConnectionState, type ConnectionStateSnapshot } from '../src/index';
import { createUserSession, startMswServer } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());

describe('useConnectionState (msw face)', () => {
  it("follows the provider's event client from idle through connecting to open, with the reason of the last change", async () => {
    const alice = await createUserSession(server, 'alice');
    const seen: ConnectionState[] = [];
    const { result } = renderHook(
      () => {
        const snapshot = useConnectionState();
        if (seen.at(-1) !== snapshot.state) seen.push(snapshot.state);
        return snapshot;
      },
      { wrapper: alice.wrapper },
    );
    expect(result.current).toEqual({ state: 'idle', lastChange: null });

    act(() => void alice.events.connect());
    await waitFor(() => expect(result.current.state).toBe('open'));
    expect(result.current.lastChange).toMatchObject({ state: 'open', previous: 'connecting', reason: 'opened' });
    expect(seen).toEqual(['idle', 'connecting', 'open']);
    alice.close();
  });

  it('reports a server close as reconnecting (reason socket_closed, close code, retry delay) and the recovery', async () => {
    const alice = await createUserSession(server, 'alice');
    await alice.events.connect();
    const rendered: ConnectionStateSnapshot[] = [];
    const { result } = renderHook(
      () => {
        const snapshot = useConnectionState();
        if (rendered.at(-1) !== snapshot) rendered.push(snapshot);
        return snapshot;
      },
      { wrapper: alice.wrapper },
    );
    expect(result.current.state).toBe('open');

    act(() => server.core.faults.closeAllSockets(1012, 'service restart'));
    // The first retry may come within milliseconds, so read every snapshot the component rendered.
    await waitFor(() => expect(rendered.some((snapshot) => snapshot.state === 'reconnecting')).toBe(true));
    expect(rendered.find((snapshot) => snapshot.state === 'reconnecting')!.lastChange).toMatchObject({
      reason: 'socket_closed',
      closeCode: 1012,
      closeReason: 'service restart',
      retryInMs: expect.any(Number),
    });
    await waitFor(() => expect(result.current.state).toBe('open'), { timeout: 10_000 });
    alice.close();
  });

  it('shows closed after disconnect, and keeps the snapshot identity while nothing changes', async () => {
    const alice = await createUserSession(server, 'alice');
    await alice.events.connect();
    const { result, rerender } = renderHook(() => useConnectionState(), { wrapper: alice.wrapper });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    act(() => alice.events.disconnect());
    expect(result.current).toMatchObject({ state: 'closed', lastChange: { reason: 'disconnect', previous: 'open' } });
    alice.close();
  });

  it('watches an explicitly given client, even outside the provider', async () => {
    const token = await server.mintUserToken('bob');
    const events = new EventServiceClient({ url: server.eventsUrl, getToken: () => token, platform: null, WebSocket: globalThis.WebSocket as never });
    const { result } = renderHook(() => useConnectionState(events));
    expect(result.current.state).toBe('idle');
    act(() => void events.connect());
    await waitFor(() => expect(result.current.state).toBe('open'));
    act(() => events.dispose());
    expect(result.current).toMatchObject({ state: 'closed', lastChange: { reason: 'dispose' } });
  });

  it('a component mounted late still learns why the client is in its state (one shared store per client)', async () => {
    const alice = await createUserSession(server, 'alice');
    const early = renderHook(() => useConnectionState(), { wrapper: alice.wrapper });
    await act(() => alice.events.connect());
    act(() => alice.events.disconnect());
    const late = renderHook(() => useConnectionState(), { wrapper: alice.wrapper });
    expect(late.result.current).toBe(early.result.current);
    expect(late.result.current.lastChange?.reason).toBe('disconnect');
    expect(connectionStateStore(alice.events)).toBe(connectionStateStore(alice.events));
    alice.close();
  });

  it('the provider watches from its mount: the first useConnectionState, mounted once open, knows the transition', async () => {
    const alice = await createUserSession(server, 'alice', { connect: true });
    const probe = renderHook(() => null, { wrapper: alice.wrapper }); // the provider alone connects
    await waitFor(() => expect(alice.events.state).toBe('open'));
    const late = renderHook(() => useConnectionState(), { wrapper: alice.wrapper });
    expect(late.result.current.state).toBe('open');
    expect(late.result.current.lastChange?.reason).toBeDefined();
    probe.unmount();
    late.unmount();
    alice.close();
  });

  it('throws the reference message when there is neither a client argument nor a provider', () => {
    expect(() => renderHook(() => useConnectionState())).toThrow('useEventServiceClient: missing KiloChatHooksProvider');
  });
});
