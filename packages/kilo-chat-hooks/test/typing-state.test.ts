/**
 * The typing core without React: TypingState (who is typing, 5 s expiry) and
 * TypingSender (throttled typing / typing.stop), with fake timers.
 */
import type { KiloChatClient } from '@kilocode/kilo-chat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_EXPIRY_MS, TYPING_THROTTLE_MS, TypingSender, TypingState, typingLabel } from '../src/index';

const CONTEXT = '/kiloclaw/demo-sandbox/01HV0000000000000000CONV01';
const OTHER = '/kiloclaw/demo-sandbox/01HV0000000000000000CONV02';
const BOT = 'bot:kiloclaw:demo-sandbox';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_800_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe('TypingState', () => {
  const create = () => new TypingState({ context: CONTEXT, currentUserId: 'alice' });

  it('a typing member shows for 5 s after their last typing event', () => {
    const state = create();
    expect(TYPING_EXPIRY_MS).toBe(5_000);
    state.handleTyping(CONTEXT, 'bob');
    expect(state.getSnapshot()).toEqual(['bob']);
    vi.advanceTimersByTime(3_000);
    state.handleTyping(CONTEXT, 'bob'); // restarts the expiry, no duplicate
    expect(state.getSnapshot()).toEqual(['bob']);
    vi.advanceTimersByTime(4_999);
    expect(state.getSnapshot()).toEqual(['bob']);
    vi.advanceTimersByTime(1);
    expect(state.getSnapshot()).toEqual([]);
  });

  it('each member expires on their own timer; the list keeps the order they started typing', () => {
    const state = create();
    state.handleTyping(CONTEXT, 'bob');
    vi.advanceTimersByTime(2_000);
    state.handleTyping(CONTEXT, BOT);
    state.handleTyping(CONTEXT, 'carol');
    state.handleTyping(CONTEXT, 'bob');
    expect(state.getSnapshot()).toEqual(['bob', BOT, 'carol']);
    vi.advanceTimersByTime(5_000);
    expect(state.getSnapshot()).toEqual([]);
    state.handleTyping(CONTEXT, 'carol');
    vi.advanceTimersByTime(1_000);
    state.handleTyping(CONTEXT, 'bob');
    vi.advanceTimersByTime(4_000);
    expect(state.getSnapshot()).toEqual(['bob']);
  });

  it('typing.stop clears the member at once (and cancels its timer)', () => {
    const state = create();
    state.handleTyping(CONTEXT, 'bob');
    state.handleTyping(CONTEXT, 'carol');
    state.handleTypingStop(CONTEXT, 'bob');
    expect(state.getSnapshot()).toEqual(['carol']);
    state.handleTyping(CONTEXT, 'bob');
    vi.advanceTimersByTime(5_000);
    expect(state.getSnapshot()).toEqual([]);
  });

  it("a human's message clears them; a bot's message does not (bots stream several messages and end with typing.stop)", () => {
    const state = create();
    state.handleTyping(CONTEXT, 'bob');
    state.handleTyping(CONTEXT, BOT);
    state.handleMessageCreated(CONTEXT, 'bob');
    state.handleMessageCreated(CONTEXT, BOT);
    expect(state.getSnapshot()).toEqual([BOT]);
    state.handleTypingStop(CONTEXT, BOT);
    expect(state.getSnapshot()).toEqual([]);
  });

  it('ignores the current user and other contexts', () => {
    const state = create();
    state.handleTyping(CONTEXT, 'alice');
    state.handleTyping(OTHER, 'bob');
    expect(state.getSnapshot()).toEqual([]);
    state.handleTyping(CONTEXT, 'bob');
    state.handleTypingStop(OTHER, 'bob');
    state.handleMessageCreated(OTHER, 'bob');
    expect(state.getSnapshot()).toEqual(['bob']);
  });

  it('notifies listeners only on a change, and keeps the snapshot identity otherwise', () => {
    const state = create();
    const listener = vi.fn();
    const off = state.subscribe(listener);
    state.handleTyping(CONTEXT, 'bob');
    const snapshot = state.getSnapshot();
    state.handleTyping(CONTEXT, 'bob');
    state.handleTypingStop(CONTEXT, 'carol');
    expect(state.getSnapshot()).toBe(snapshot);
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    state.handleTypingStop(CONTEXT, 'bob');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('dispose empties the list, stops the timers and ignores later events', () => {
    const state = create();
    state.handleTyping(CONTEXT, 'bob');
    state.dispose();
    expect(state.getSnapshot()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    state.handleTyping(CONTEXT, 'bob');
    expect(state.getSnapshot()).toEqual([]);
  });

  it('a custom expiry applies per member', () => {
    const state = new TypingState({ context: CONTEXT, currentUserId: null, expiryMs: 1_000 });
    state.handleTyping(CONTEXT, 'alice'); // no current user: everyone counts
    vi.advanceTimersByTime(1_000);
    expect(state.getSnapshot()).toEqual([]);
  });

  it('typingLabel: "Bot" when the first member is a bot, "Someone" for a person, null for nobody', () => {
    expect(typingLabel([])).toBeNull();
    expect(typingLabel([BOT, 'bob'])).toBe('Bot');
    expect(typingLabel(['bob', BOT])).toBe('Someone');
  });
});

describe('TypingSender', () => {
  function stubClient() {
    const calls: string[] = [];
    const pending: Array<{ name: string; settle: (error?: unknown) => void }> = [];
    const request = (name: string) => () =>
      new Promise<void>((resolve, reject) => {
        calls.push(name);
        pending.push({ name, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      });
    const client = { sendTyping: vi.fn(request('typing')), sendTypingStop: vi.fn(request('stop')) };
    const settleAll = async () => {
      await vi.advanceTimersByTimeAsync(0); // queued requests start in a microtask
      while (pending.length > 0) {
        pending.shift()!.settle();
        await vi.advanceTimersByTimeAsync(0);
      }
    };
    return { client: client as unknown as Pick<KiloChatClient, 'sendTyping' | 'sendTypingStop'>, raw: client, calls, pending, settleAll };
  }

  it('sends typing at most once per 3 s, whatever the keystroke rate', async () => {
    const { client, raw, settleAll } = stubClient();
    const sender = new TypingSender(client, 'conv');
    expect(TYPING_THROTTLE_MS).toBe(3_000);
    sender.notifyTyping();
    for (let i = 0; i < 29; i += 1) {
      vi.advanceTimersByTime(100);
      sender.notifyTyping();
    }
    await settleAll();
    expect(raw.sendTyping).toHaveBeenCalledTimes(1); // 2.9 s of typing
    vi.advanceTimersByTime(100);
    sender.notifyTyping();
    await settleAll();
    expect(raw.sendTyping).toHaveBeenCalledTimes(2);
    expect(raw.sendTyping).toHaveBeenCalledWith('conv');
  });

  it('sends typing.stop only when a typing went out since the last stop; typing right after a stop is sent at once', async () => {
    const { client, calls, settleAll } = stubClient();
    const sender = new TypingSender(client, 'conv');
    sender.stopTyping();
    await settleAll();
    expect(calls).toEqual([]);
    sender.notifyTyping();
    sender.stopTyping();
    sender.stopTyping();
    sender.notifyTyping();
    await settleAll();
    expect(calls).toEqual(['typing', 'stop', 'typing']);
  });

  it('requests go out one after another, so a stop never overtakes its typing', async () => {
    const { client, calls, pending, settleAll } = stubClient();
    const sender = new TypingSender(client, 'conv');
    sender.notifyTyping();
    sender.stopTyping();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['typing']); // stop waits
    await settleAll();
    expect(calls).toEqual(['typing', 'stop']);
    expect(pending).toEqual([]);
  });

  it('dispose stops typing if it was sent, then ignores calls', async () => {
    const { client, calls, settleAll } = stubClient();
    const idle = new TypingSender(client, 'conv');
    idle.dispose();
    await settleAll();
    expect(calls).toEqual([]);

    const typing = new TypingSender(client, 'conv');
    typing.notifyTyping();
    typing.dispose();
    typing.notifyTyping();
    await settleAll();
    expect(calls).toEqual(['typing', 'stop']);
  });

  it('failures go to onError and never reject anywhere else; the next request still goes out', async () => {
    const { client, calls, pending } = stubClient();
    const onError = vi.fn();
    const sender = new TypingSender(client, 'conv', { onError });
    sender.notifyTyping();
    sender.stopTyping();
    await vi.advanceTimersByTimeAsync(0);
    const refused = new Error('Kilo Chat API error: 403');
    pending.shift()!.settle(refused);
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledWith(refused);
    expect(calls).toEqual(['typing', 'stop']);
    pending.shift()!.settle();
    await vi.advanceTimersByTimeAsync(0);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
