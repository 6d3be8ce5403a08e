/**
 * Shared helper of the mock-server benchmarks: opens N event sockets in a
 * worker thread (so clients and the server each get a core) and reports,
 * per `message.created`, the absolute arrival time on every socket.
 */
import { Worker } from 'node:worker_threads';

/** The worker's code, plain JS (run with `eval`). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { createRequire } = require('node:module');
const WebSocket = createRequire(workerData.wsFrom)('ws');
const now = () => performance.timeOrigin + performance.now();
const arrivals = new Map();
const sockets = [];
let opened = 0;
for (const ticket of workerData.tickets) {
  const ws = new WebSocket(workerData.eventsUrl + '/connect?ticket=' + ticket, ['kilo.events.v1']);
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'context.subscribe', contexts: [workerData.context] }));
    if (++opened === workerData.tickets.length) parentPort.postMessage({ type: 'ready' });
  });
  ws.on('message', (data) => {
    const t = now();
    const text = data.toString();
    if (text === 'pong') return;
    const frame = JSON.parse(text);
    if (frame.event !== 'message.created') return;
    const id = frame.payload.messageId;
    let entry = arrivals.get(id);
    if (!entry) { entry = []; arrivals.set(id, entry); }
    entry.push(t);
    if (entry.length === workerData.tickets.length) {
      parentPort.postMessage({ type: 'arrived', messageId: id, times: entry });
      arrivals.delete(id);
    }
  });
  sockets.push(ws);
}
parentPort.on('message', (msg) => {
  if (msg === 'close') { for (const ws of sockets) ws.terminate(); parentPort.close(); }
});
`;

/** Absolute high-resolution time, comparable across threads. */
export const absoluteNow = () => performance.timeOrigin + performance.now();

/** A pool of subscriber sockets running in a worker thread. */
export interface SubscriberPool {
  /** Resolves with the arrival times of `messageId` on every socket. */
  arrivals(messageId: string): Promise<number[]>;
  /** Number of messages fully delivered so far. */
  delivered(): number;
  /** Closes every socket and the worker. */
  close(): Promise<void>;
}

/** Opens one socket per ticket, subscribed to `context`, in a worker thread. */
export async function startSubscriberPool(eventsUrl: string, tickets: string[], context: string): Promise<SubscriberPool> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { eventsUrl, tickets, context, wsFrom: new URL('../../packages/mock-server/package.json', import.meta.url).href },
  });
  const done = new Map<string, number[]>();
  const waiting = new Map<string, (times: number[]) => void>();
  let deliveredCount = 0;
  await new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (msg: { type: string; messageId?: string; times?: number[] }) => {
      if (msg.type === 'ready') resolve();
      if (msg.type === 'arrived' && msg.messageId && msg.times) {
        deliveredCount += 1;
        const waiter = waiting.get(msg.messageId);
        if (waiter) {
          waiting.delete(msg.messageId);
          waiter(msg.times);
        } else {
          done.set(msg.messageId, msg.times);
        }
      }
    });
  });
  return {
    arrivals(messageId) {
      const ready = done.get(messageId);
      if (ready) {
        done.delete(messageId);
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.set(messageId, resolve));
    },
    delivered: () => deliveredCount,
    async close() {
      worker.postMessage('close');
      await worker.terminate();
    },
  };
}
