/** One abort listener per long-lived signal, whatever the number of calls in flight (issue 13, item 3). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onAbort } from '../src/abort-fanout';
import { EventServiceClient } from '../src/client';
import { withDeadline } from '../src/deadline';

let warnings: Error[];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

async function settleWarnings(): Promise<string[]> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return warnings.map((warning) => `${warning.name}: ${warning.message}`);
}

describe('withDeadline on one shared caller signal', () => {
  it('runs 1,000 concurrent calls without MaxListenersExceededWarning, and an abort rejects them all', async () => {
    const page = new AbortController();
    const releases: (() => void)[] = [];
    const done = Array.from({ length: 1_000 }, (_, i) =>
      withDeadline(60_000, () => new Promise<number>((resolve) => releases.push(() => resolve(i))), page.signal),
    );
    expect(await settleWarnings()).toEqual([]);
    for (const release of releases.slice(0, 500)) release();
    await expect(Promise.all(done.slice(0, 500))).resolves.toHaveLength(500);
    const reason = new Error('gone');
    page.abort(reason);
    const rest = await Promise.allSettled(done.slice(500));
    expect(rest.every((r) => r.status === 'rejected' && r.reason === reason)).toBe(true);
    expect(await settleWarnings()).toEqual([]);
  });
});

describe('waitForOpen on one shared signal', () => {
  it('waits 1,000 times without MaxListenersExceededWarning, and an abort ends every wait', async () => {
    const client = new EventServiceClient({ url: 'http://events.test', getToken: () => 'token', platform: null });
    const page = new AbortController();
    const waits = Array.from({ length: 1_000 }, () => client.waitForOpen({ signal: page.signal }));
    expect(await settleWarnings()).toEqual([]);
    page.abort(new Error('left'));
    const results = await Promise.allSettled(waits);
    expect(results.every((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'aborted')).toBe(true);
    expect(await settleWarnings()).toEqual([]);
    client.dispose();
  });
});

describe('onAbort', () => {
  it('calls current subscribers once, in order, and never one that unsubscribed', () => {
    const controller = new AbortController();
    const seen: string[] = [];
    onAbort(controller.signal, () => seen.push('a'));
    const offB = onAbort(controller.signal, () => seen.push('b'));
    const log = () => seen.push('c');
    onAbort(controller.signal, log);
    onAbort(controller.signal, log);
    offB();
    controller.abort();
    controller.abort();
    expect(seen).toEqual(['a', 'c', 'c']);
  });

  it('keeps calling the others when one throws, and reports the error asynchronously', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const boom = new Error('listener failed');
    const reported = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    onAbort(controller.signal, () => {
      throw boom;
    });
    onAbort(controller.signal, () => seen.push('after'));
    controller.abort();
    expect(seen).toEqual(['after']);
    await expect(reported).resolves.toBe(boom);
  });
});

describe('onAbort listener lifetime', () => {
  it('adds one listener for many subscribers and removes it with the last one', () => {
    const controller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    controller.signal.addEventListener = ((type: string, fn: () => void, options?: AddEventListenerOptions) => {
      added.push(type);
      add(type, fn, options);
    }) as typeof controller.signal.addEventListener;
    controller.signal.removeEventListener = ((type: string, fn: () => void) => {
      removed.push(type);
      remove(type, fn);
    }) as typeof controller.signal.removeEventListener;
    const offs = Array.from({ length: 100 }, () => onAbort(controller.signal, () => {}));
    expect(added).toEqual(['abort']);
    for (const off of offs) off();
    expect(removed).toEqual(['abort']);
    onAbort(controller.signal, () => {});
    expect(added).toEqual(['abort', 'abort']);
  });
});
