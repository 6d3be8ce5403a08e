/**
 * Deadlines (30 s send, 15 s otherwise, configurable, injected timers) and the
 * retry-once unauthorized path, under fake timers with an injected fetch.
 */
import { RequestDeadlineError } from '@kilocode/event-service';
import type { Timers } from '@kilocode/event-service';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KiloChatApiError, KiloChatBotClient, KiloChatClient } from '../src/index';
import type { KiloChatClientConfig } from '../src/index';
import { controlledFetch, flush } from './support/controlled-fetch';
import { CONVERSATION_ID, SANDBOX_ID, fakeEventChannel, message, textContent } from './support/fixtures';

const sendReq = (text = 'hello') => ({ conversationId: CONVERSATION_ID, content: [{ type: 'text' as const, text }] });
const created = { messageId: message.id, message };

function makeClient(overrides: Partial<KiloChatClientConfig> = {}) {
  const control = controlledFetch();
  const client = new KiloChatClient({
    eventService: fakeEventChannel(),
    baseUrl: 'https://chat.test',
    getToken: async () => 'tok',
    fetch: control.fetch,
    ...overrides,
  });
  return { client, ...control };
}

describe('deadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rejects a control-plane call after 15 000 ms and aborts the fetch', async () => {
    const { client, calls } = makeClient();
    const result = client.listConversations().catch((e: unknown) => e);
    await flush();
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(14_999);
    expect(calls[0]!.init.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    const error = await result;
    expect(error).toBeInstanceOf(RequestDeadlineError);
    expect((error as Error).message).toBe('Request timed out after 15000ms');
    expect(calls[0]!.init.signal.aborted).toBe(true);
  });

  it('gives a send 30 000 ms', async () => {
    const { client, calls } = makeClient();
    const result = client.sendMessage(sendReq()).catch((e: unknown) => e);
    await flush();

    await vi.advanceTimersByTimeAsync(15_000);
    expect(calls[0]!.init.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(15_000);

    const error = await result;
    expect(error).toBeInstanceOf(RequestDeadlineError);
    expect((error as RequestDeadlineError).deadlineMs).toBe(30_000);
  });

  it('uses configured deadlines', async () => {
    const { client } = makeClient({ deadlines: { sendMs: 200, controlPlaneMs: 100 } });
    const read = client.getConversation(CONVERSATION_ID).catch((e: unknown) => e);
    const send = client.sendMessage(sendReq()).catch((e: unknown) => e);

    await vi.advanceTimersByTimeAsync(100);
    expect(await read).toBeInstanceOf(RequestDeadlineError);
    await vi.advanceTimersByTimeAsync(100);
    expect(((await send) as RequestDeadlineError).deadlineMs).toBe(200);
  });

  it('ignores deadlines that are not positive numbers', async () => {
    const { client } = makeClient({ deadlines: { controlPlaneMs: 0, sendMs: Number.NaN } });
    const read = client.getConversation(CONVERSATION_ID).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(((await read) as RequestDeadlineError).deadlineMs).toBe(15_000);
  });

  it('never resends a send that timed out, and the next send still goes out', async () => {
    const { client, calls, fetch } = makeClient();
    const first = client.sendMessage(sendReq('one')).catch((e: unknown) => e);
    const second = client.sendMessage(sendReq('two'));
    await flush();
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(30_000);
    expect(await first).toBeInstanceOf(RequestDeadlineError);
    await flush();

    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]!.init.body!)).toEqual(sendReq('two'));
    calls[1]!.reply(201, created);
    await expect(second).resolves.toEqual(created);

    await vi.advanceTimersByTimeAsync(120_000);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('starts the send deadline when the send leaves the queue', async () => {
    const { client, calls } = makeClient();
    const first = client.sendMessage(sendReq('one')).catch((e: unknown) => e);
    let secondSettled = false;
    const second = client.sendMessage(sendReq('two')).finally(() => {
      secondSettled = true;
    });
    second.catch(() => {});

    await vi.advanceTimersByTimeAsync(29_000);
    calls[0]!.reply(201, created);
    await first;
    await flush();
    expect(calls).toHaveLength(2);

    // 29 s after the second send was called, but only 2 s after it was dispatched.
    await vi.advanceTimersByTimeAsync(2_000);
    expect(secondSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(28_000);
    await expect(second).rejects.toBeInstanceOf(RequestDeadlineError);
  });

  it('never calls onUnauthorized for a timeout', async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const { client, fetch } = makeClient({ onUnauthorized });
    const result = client.getBotStatus(SANDBOX_ID).catch((e: unknown) => e);

    await vi.advanceTimersByTimeAsync(15_000);

    expect(await result).toBeInstanceOf(RequestDeadlineError);
    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('runs the deadline on injected timers', async () => {
    vi.useRealTimers();
    const scheduled: { callback: () => void; ms: number }[] = [];
    const timers: Timers = {
      setTimeout: (callback, ms) => scheduled.push({ callback, ms }),
      clearTimeout: () => {},
      setInterval: () => 0,
      clearInterval: () => {},
      now: () => 0,
    };
    const { client } = makeClient({ timers });
    const result = client.getConversation(CONVERSATION_ID).catch((e: unknown) => e);
    await flush();

    expect(scheduled.map((s) => s.ms)).toEqual([15_000]);
    scheduled[0]!.callback();
    expect(await result).toBeInstanceOf(RequestDeadlineError);
  });

  it('applies the same deadlines to the bot client', async () => {
    const control = controlledFetch();
    const bot = new KiloChatBotClient({
      baseUrl: 'https://chat.test',
      sandboxId: SANDBOX_ID,
      getToken: () => 'gw',
      fetch: control.fetch,
    });
    const send = bot.sendMessage({ conversationId: CONVERSATION_ID, content: [...textContent] }).catch((e: unknown) => e);
    const read = bot.getMembers(CONVERSATION_ID).catch((e: unknown) => e);

    await vi.advanceTimersByTimeAsync(15_000);
    expect(((await read) as RequestDeadlineError).deadlineMs).toBe(15_000);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(((await send) as RequestDeadlineError).deadlineMs).toBe(30_000);
  });
});

describe('retry once on 401/403', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function tokens() {
    let n = 0;
    return vi.fn(async () => `tok-${++n}`);
  }

  it.each([401, 403])('after %i and "retry", sends exactly once more with a fresh token', async (status) => {
    const getToken = tokens();
    const onUnauthorized = vi.fn(async () => 'retry' as const);
    const { client, calls } = makeClient({ getToken, onUnauthorized });

    const result = client.getConversationStatus(CONVERSATION_ID);
    await flush();
    calls[0]!.reply(status, { error: 'Unauthorized' });
    await flush();
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(2);
    calls[1]!.reply(200, { status: null });

    await expect(result).resolves.toEqual({ status: null });
    expect(calls.map((c) => c.init.headers.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-2']);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('surfaces a second 401 without calling onUnauthorized again (no loop)', async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const { client, calls, fetch } = makeClient({ getToken: tokens(), onUnauthorized });

    const result = client.listConversations().catch((e: unknown) => e);
    await flush();
    calls[0]!.reply(401, { error: 'Unauthorized' });
    await flush();
    calls[1]!.reply(401, { error: 'Unauthorized' });

    const error = (await result) as KiloChatApiError;
    expect(error).toBeInstanceOf(KiloChatApiError);
    expect(error.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it.each(['stop', undefined])('does not retry when onUnauthorized answers %j', async (decision) => {
    const onUnauthorized = vi.fn(() => decision as 'stop' | undefined);
    const { client, calls, fetch } = makeClient({ onUnauthorized });

    const result = client.sendTyping(CONVERSATION_ID).catch((e: unknown) => e);
    await flush();
    calls[0]!.reply(403, { error: 'Forbidden' });

    expect(((await result) as KiloChatApiError).code).toBe('forbidden');
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('does not call onUnauthorized for other statuses', async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const { client, calls } = makeClient({ onUnauthorized });

    const result = client.listConversations().catch((e: unknown) => e);
    await flush();
    calls[0]!.reply(404, { error: 'Not found' });

    expect(((await result) as KiloChatApiError).status).toBe(404);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('waits for a slow onUnauthorized within the same deadline', async () => {
    const onUnauthorized = vi.fn(
      () => new Promise<'retry'>((resolve) => setTimeout(() => resolve('retry'), 10_000)),
    );
    const { client, calls } = makeClient({ onUnauthorized });

    const result = client.getConversation(CONVERSATION_ID).catch((e: unknown) => e);
    await flush();
    calls[0]!.reply(401, { error: 'Unauthorized' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(2);

    // The deadline covers both attempts: 5 s are left.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await result).toBeInstanceOf(RequestDeadlineError);
  });

  it('does not retry when the deadline passed while onUnauthorized was running', async () => {
    const onUnauthorized = vi.fn(
      () => new Promise<'retry'>((resolve) => setTimeout(() => resolve('retry'), 20_000)),
    );
    const { client, calls, fetch } = makeClient({ onUnauthorized });

    const result = client.getConversation(CONVERSATION_ID).catch((e: unknown) => e);
    await flush();
    calls[0]!.reply(401, { error: 'Unauthorized' });
    await vi.advanceTimersByTimeAsync(20_000);

    expect(await result).toBeInstanceOf(RequestDeadlineError);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('retries a send too, still in order with later sends', async () => {
    const onUnauthorized = vi.fn(() => 'retry' as const);
    const { client, calls } = makeClient({ getToken: tokens(), onUnauthorized });

    const first = client.sendMessage(sendReq('one'));
    const second = client.sendMessage(sendReq('two'));
    await flush();
    calls[0]!.reply(401, { error: 'Unauthorized' });
    await flush();
    expect(JSON.parse(calls[1]!.init.body!)).toEqual(sendReq('one'));
    calls[1]!.reply(201, created);
    await first;
    await flush();
    expect(JSON.parse(calls[2]!.init.body!)).toEqual(sendReq('two'));
    calls[2]!.reply(201, created);
    await expect(second).resolves.toEqual(created);
  });
});
