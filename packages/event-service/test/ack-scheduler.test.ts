import { describe, expect, it } from 'vitest';
import { AckScheduler } from '../src/ack-scheduler';
import { ManualClock } from './support/manual-clock';

function scheduler(accept = true) {
  const clock = new ManualClock();
  const sent: number[] = [];
  const ack = new AckScheduler({
    timers: clock,
    delayMs: 500,
    maxUnacked: 20,
    send: (seq) => {
      if (accept) sent.push(seq);
      return accept;
    },
  });
  return { clock, sent, ack };
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

  it('acks after the debounce, and at once at 20 unacked', async () => {
    const { clock, sent, ack } = scheduler();
    for (let seq = 1; seq <= 19; seq++) ack.receive(seq);
    expect(sent).toEqual([]);
    ack.receive(20);
    expect(sent).toEqual([20]);
    ack.receive(21);
    await clock.advance(499);
    expect(sent).toEqual([20]);
    await clock.advance(1);
    expect(sent).toEqual([20, 21]);
    expect(clock.pending()).toBe(0);
  });

  it('flush sends nothing new when all is acked, and a failed send is retried on the next flush', async () => {
    const { clock, sent, ack } = scheduler();
    ack.flush();
    expect(sent).toEqual([]);
    ack.receive(1);
    ack.flush();
    ack.flush();
    expect(sent).toEqual([1]);
    expect(clock.pending()).toBe(0);
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
