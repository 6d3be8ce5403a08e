/**
 * 1,000 calls in flight on one client (and on one caller signal) add no
 * `abort` listeners per call to any long-lived signal: Node prints no
 * `MaxListenersExceededWarning` (issue 13, item 3).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KiloChatBotClient, KiloChatClient } from '../src/index';
import { controlledFetch, flush } from './support/controlled-fetch';
import { CONVERSATION_ID, SANDBOX_ID, TOKEN, fakeEventChannel, message } from './support/fixtures';

const CALLS = 1_000;
const sendReq = (text: string) => ({ conversationId: CONVERSATION_ID, content: [{ type: 'text' as const, text }] });
const created = { messageId: message.id, message };

let warnings: Error[];
const onWarning = (warning: Error) => warnings.push(warning);

beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

/** Node emits process warnings on a later tick; wait past it. */
async function settleWarnings(): Promise<string[]> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return warnings.map((warning) => `${warning.name}: ${warning.message}`);
}

describe('no MaxListenersExceededWarning at 1,000 concurrent calls', () => {
  it('KiloChatClient: 1,000 sends to one conversation and 1,000 reads, with and without one shared caller signal', async () => {
    const { fetch, calls } = controlledFetch();
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch });
    const page = new AbortController();

    const sends = Array.from({ length: CALLS }, (_, i) =>
      client.sendMessage(sendReq(`m${i}`), i % 2 === 0 ? { signal: page.signal } : undefined),
    );
    const reads = Array.from({ length: CALLS }, (_, i) =>
      client.listConversations({ sandboxId: SANDBOX_ID }, i % 2 === 0 ? { signal: page.signal } : undefined),
    );
    await flush();
    // Every read is in flight at once; sends go one at a time.
    expect(calls.length).toBe(CALLS + 1);
    expect(await settleWarnings()).toEqual([]);

    for (const call of calls.splice(0)) {
      call.reply(200, call.init.method === 'GET' ? { conversations: [], hasMore: false, nextCursor: null } : created);
    }
    await Promise.all(reads);
    for (let i = 1; i < CALLS; i++) {
      await flush();
      calls.shift()!.reply(201, created);
    }
    await Promise.all(sends);
    expect(await settleWarnings()).toEqual([]);
    client.dispose();
  });

  it('KiloChatClient: aborting the shared signal still rejects every call waiting on it', async () => {
    const { fetch } = controlledFetch();
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch });
    const page = new AbortController();
    const sends = Array.from({ length: CALLS }, (_, i) => client.sendMessage(sendReq(`m${i}`), { signal: page.signal }));
    const reads = Array.from({ length: CALLS }, () => client.listConversations({}, { signal: page.signal }));
    await flush();
    const reason = new Error('left the page');
    page.abort(reason);
    const results = await Promise.allSettled([...sends, ...reads]);
    expect(results.every((result) => result.status === 'rejected' && result.reason === reason)).toBe(true);
    expect(await settleWarnings()).toEqual([]);
    client.dispose();
  });

  it('KiloChatBotClient: 1,000 sends to one conversation on one caller signal', async () => {
    const { fetch, calls } = controlledFetch();
    const bot = new KiloChatBotClient({ baseUrl: 'https://chat.test', sandboxId: SANDBOX_ID, getToken: () => TOKEN, fetch });
    const page = new AbortController();
    const sends = Array.from({ length: CALLS }, (_, i) => bot.sendMessage(sendReq(`m${i}`), { signal: page.signal }));
    for (let i = 0; i < CALLS; i++) {
      await flush();
      calls.shift()!.reply(201, created);
    }
    await Promise.all(sends);
    expect(await settleWarnings()).toEqual([]);
  });
});
