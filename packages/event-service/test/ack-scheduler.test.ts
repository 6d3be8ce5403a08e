import { describe, expect, it } from 'vitest';
import { AckScheduler } from '../src/ack-scheduler';
import { ManualClock } from './support/manual-clock';

/**
 * A scheduler on a manual clock whose deferred acks wait in `deferred` until
 * `endBatch()` runs them, as the microtasks after one socket read would.
 */
function scheduler(accept = true) {
  const clock = new ManualClock();
  const sent: number[] = [];
  const deferred: Array<() => void> = [];
  const socket = { accept };
  const ack = new AckScheduler({
    timers: clock,
    delayMs: 500,
    maxUnacked: 20,
    send: (seq) => {
      if (socket.accept) sent.push(seq);
      return socket.accept;
    },
    defer: (callback) => deferred.push(callback),
  });
  const endBatch = () => {
    for (const callback of deferred.splice(0)) callback();
  };
  return { clock, sent, ack, deferred, endBatch, socket };
}

describe('AckScheduler', () => {
  it('judges each seq: in order, gap or duplicate (a first seq of 0 or 1 is in order)', () => {
    const { ack } = scheduler();
    expect(ack.receive(1)).toBe('in_order');
    expect(ack.receive(2)).toBe('in_order');
    expect(ack.receive(2)).toBe('duplicate');
    expect(ack.receive(5)).toBe('gap');
    expect(ack.receive(4)).toBe('duplicate');
    expect(ack.highestSeq).toBe(5);
    ack.reset();
    expect(ack.receive(0)).toBe('in_order');
    expect(ack.receive(0)).toBe('duplicate');
  });

  it('acks after the debounce, and at the end of the batch once 20 are unacked', async () => {
    const { clock, sent, ack, endBatch } = scheduler();
    for (let seq = 1; seq <= 19; seq++) ack.receive(seq);
    endBatch();
    expect(sent).toEqual([]);
    ack.receive(20);
    // Not from inside the frame that reached 20: the rest of the batch may still come.
    expect(sent).toEqual([]);
    endBatch();
    expect(sent).toEqual([20]);
    ack.receive(21);
    endBatch();
    await clock.advance(499);
    expect(sent).toEqual([20]);
    await clock.advance(1);
    expect(sent).toEqual([20, 21]);
    expect(clock.pending()).toBe(0);
  });

  it('a burst of 100 in one batch gets one ack, with the highest seq', async () => {
    const { clock, sent, ack, deferred, endBatch } = scheduler();
    for (let seq = 1; seq <= 100; seq++) ack.receive(seq);
    // One deferred ack for the whole batch (one ack per 20 would be 5 sends by now).
    expect(sent).toEqual([]);
    expect(deferred).toHaveLength(1);
    endBatch();
    expect(sent).toEqual([100]);
    expect(ack.ackedSeq).toBe(100);
    // The ack covered everything: the debounce (left running, not re-armed per read) finds nothing to send.
    await clock.advance(500);
    expect(sent).toEqual([100]);
    expect(clock.pending()).toBe(0);
  });

  it('keeps one debounce timer across reads instead of re-arming it per ack', async () => {
    const { clock, sent, ack, endBatch } = scheduler();
    let seq = 0;
    for (let read = 0; read < 5; read++) {
      for (let i = 0; i < 30; i++) ack.receive(++seq);
      endBatch();
      expect(clock.pending()).toBe(1);
    }
    expect(sent).toEqual([30, 60, 90, 120, 150]);
    // An event after the last ack is still acknowledged within the debounce.
    ack.receive(++seq);
    await clock.advance(500);
    expect(sent.at(-1)).toBe(151);
    expect(clock.pending()).toBe(0);
  });

  it('a ping flush before the end of the batch leaves the deferred ack nothing to send', () => {
    const { sent, ack, endBatch } = scheduler();
    for (let seq = 1; seq <= 25; seq++) ack.receive(seq);
    ack.flush();
    expect(sent).toEqual([25]);
    endBatch();
    expect(sent).toEqual([25]);
  });

  it('reset drops a deferred ack: a new socket never gets an ack for the old seq', async () => {
    const { clock, sent, ack, endBatch } = scheduler();
    for (let seq = 1; seq <= 30; seq++) ack.receive(seq);
    ack.reset();
    ack.receive(1);
    ack.receive(2);
    endBatch();
    expect(sent).toEqual([]);
    await clock.advance(500);
    expect(sent).toEqual([2]);
  });

  it('a deferred ack the socket refuses is retried by the debounce, not lost', async () => {
    const { clock, sent, ack, endBatch, socket } = scheduler(false);
    for (let seq = 1; seq <= 20; seq++) ack.receive(seq);
    endBatch();
    expect(ack.ackedSeq).toBe(0);
    expect(clock.pending()).toBe(1);
    socket.accept = true;
    await clock.advance(500);
    expect(sent).toEqual([20]);
  });

  it('defers with a microtask by default, after the frames handed over synchronously', async () => {
    const clock = new ManualClock();
    const sent: number[] = [];
    const ack = new AckScheduler({ timers: clock, delayMs: 500, maxUnacked: 10, send: (seq) => sent.push(seq) > 0 });
    for (let seq = 1; seq <= 35; seq++) ack.receive(seq);
    expect(sent).toEqual([]);
    await Promise.resolve();
    expect(sent).toEqual([35]);
  });

  it('flush sends nothing new when all is acked, and a failed send is retried on the next flush', async () => {
    const { clock, sent, ack } = scheduler();
    ack.flush();
    expect(sent).toEqual([]);
    ack.receive(1);
    ack.flush();
    ack.flush();
    expect(sent).toEqual([1]);
    await clock.advance(500);
    expect(sent).toEqual([1]);
    const refused = scheduler(false);
    refused.ack.receive(1);
    refused.ack.flush();
    expect(refused.ack.ackedSeq).toBe(0);
  });

  it('reset cancels the debounce timer', () => {
    const { clock, ack } = scheduler();
    ack.receive(1);
    expect(clock.pending()).toBe(1);
    ack.reset();
    expect(clock.pending()).toBe(0);
  });
});
