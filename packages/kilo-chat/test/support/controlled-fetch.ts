/**
 * An injected `fetch` whose responses the test settles by hand, so timing
 * (deadlines, queueing, dispose) is fully under the test's control. Each
 * pending call rejects with the signal's reason when its signal aborts, as a
 * real fetch does.
 */
import { vi } from 'vitest';
import type { KiloChatFetchInit } from '../../src/index';
import { jsonResponse } from './fixtures';

export interface PendingFetch {
  url: string;
  init: KiloChatFetchInit;
  /** Answers with a JSON body (or none). */
  reply(status: number, body?: unknown): void;
  /** Fails like a network error. */
  fail(error: unknown): void;
}

export function controlledFetch() {
  const calls: PendingFetch[] = [];
  const fetch = vi.fn(
    (url: string, init: KiloChatFetchInit) =>
      new Promise<ReturnType<typeof jsonResponse>>((resolve, reject) => {
        calls.push({
          url,
          init,
          reply: (status, body) => resolve(jsonResponse(status, body)),
          fail: reject,
        });
        init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true });
      }),
  );
  return { fetch, calls };
}

/** Lets queued promise callbacks run (several hops: token, fetch, body read, parse). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
