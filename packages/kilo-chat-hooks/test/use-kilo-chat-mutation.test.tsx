import { KiloChatApiError, type KiloChatClient } from '@kilocode/kilo-chat';
import { useIsMutating } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { useKiloChatMutation } from '../src/index';
import { createUserSession, startMswServer, type UserSession } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());

const sessions: UserSession[] = [];
afterEach(() => {
  for (const session of sessions.splice(0)) session.close();
});

async function alice(options: Parameters<typeof createUserSession>[2] = {}) {
  const session = await createUserSession(server, 'alice', options);
  sessions.push(session);
  return session;
}

interface RenameVariables {
  conversationId: string;
  title: string;
}

function useRename(client: KiloChatClient, onSuccess?: (data: unknown, variables: RenameVariables) => void) {
  return useKiloChatMutation(client, {
    mutationKey: ['rename'],
    mutationFn: (variables: RenameVariables, operation) => client.renameConversation(variables.conversationId, { title: variables.title }, operation),
    ...(onSuccess ? { onSuccess } : {}),
  });
}

const titleOf = (conversationId: string) => server.core.conversations.get(conversationId)!.title;

describe('useKiloChatMutation', () => {
  it('passes the caller’s variables to callbacks and keeps their shape in the mutation cache', async () => {
    const session = await alice();
    const conversationId = server.demo.teamConversationId;
    const perCall = vi.fn();
    const { result } = renderHook(
      () => ({ rename: useRename(session.chat), busy: useIsMutating({ mutationKey: ['rename'], predicate: (m) => (m.state.variables as RenameVariables | undefined)?.conversationId === conversationId }) }),
      { wrapper: session.wrapper },
    );
    server.core.faults.addLatency(100, 'PATCH /v1/conversations/*');
    act(() => result.current.rename.mutate({ conversationId, title: 'Renamed once' }, { onSuccess: perCall }));
    await waitFor(() => expect(result.current.busy).toBe(1));
    server.core.faults.clearLatency();
    await waitFor(() => expect(result.current.rename.isSuccess).toBe(true));
    expect(titleOf(conversationId)).toBe('Renamed once');
    expect(result.current.rename.variables).toEqual({ conversationId, title: 'Renamed once' });
    expect(perCall).toHaveBeenCalledWith({ ok: true }, { conversationId, title: 'Renamed once' }, undefined, expect.anything());
  });

  it('fails with the admission refusal, keeps the variables and sends nothing when capture is refused', async () => {
    const session = await alice({ chat: { captureOperationAdmission: () => { throw new Error('locked'); } } });
    const conversationId = server.demo.welcomeConversationId;
    const before = titleOf(conversationId);
    const { result } = renderHook(() => useRename(session.chat), { wrapper: session.wrapper });
    await act(async () => {
      await expect(result.current.mutateAsync({ conversationId, title: 'never' })).rejects.toThrow('locked');
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toEqual(new Error('locked'));
    expect(result.current.variables).toEqual({ conversationId, title: 'never' });
    expect(titleOf(conversationId)).toBe(before);
  });

  it('suppresses settlement callbacks and rejects mutateAsync once the owner changed during the request', async () => {
    let owner = true;
    const session = await alice({ chat: { canPublish: () => owner } });
    const conversationId = server.demo.welcomeConversationId;
    const hookSuccess = vi.fn();
    const callSuccess = vi.fn();
    const callSettled = vi.fn();
    server.core.faults.addLatency(50, 'PATCH /v1/conversations/*');
    const { result } = renderHook(() => useRename(session.chat, hookSuccess), { wrapper: session.wrapper });
    let outcome: Promise<unknown> = Promise.resolve();
    act(() => {
      outcome = result.current.mutateAsync({ conversationId, title: 'Owner switch' }, { onSuccess: callSuccess, onSettled: callSettled });
    });
    owner = false;
    await act(async () => {
      await expect(outcome).rejects.toThrow('Kilo Chat owner is no longer active');
    });
    server.core.faults.clearLatency();
    expect(hookSuccess).not.toHaveBeenCalled();
    expect(callSuccess).not.toHaveBeenCalled();
    expect(callSettled).not.toHaveBeenCalled();
  });

  it('settles each call with the options in force when it was made', async () => {
    const session = await alice();
    const conversationId = server.demo.teamConversationId;
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(({ onSuccess }) => useRename(session.chat, onSuccess), {
      wrapper: session.wrapper,
      initialProps: { onSuccess: first },
    });
    let done: Promise<unknown> = Promise.resolve();
    act(() => {
      done = result.current.mutateAsync({ conversationId, title: 'Pinned' });
    });
    rerender({ onSuccess: second });
    await act(() => done);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
  });

  it('surfaces API errors with status and body, for a client without admission hooks', async () => {
    const session = await alice();
    const { result } = renderHook(() => useRename(session.chat), { wrapper: session.wrapper });
    const onError = vi.fn();
    await act(async () => {
      await result.current.mutateAsync({ conversationId: server.demo.welcomeConversationId, title: '   ' }, { onError }).catch(() => undefined);
    });
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(error).toBeInstanceOf(KiloChatApiError);
    expect((error as KiloChatApiError).status).toBe(400);
    expect((error as KiloChatApiError).body).toMatchObject({ error: expect.any(String) });
    expect(onError).toHaveBeenCalledWith(error, { conversationId: server.demo.welcomeConversationId, title: '   ' }, undefined, expect.anything());
  });
});
