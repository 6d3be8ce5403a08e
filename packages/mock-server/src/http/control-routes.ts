import type { Hono } from 'hono';
import * as z from 'zod';
import type { ChatCore } from '../core/chat-core.js';
import type { MockAppEnv } from './app-env.js';
import { jsonBody } from './request-parsing.js';

const failSchema = z.object({
  route: z.string().min(1),
  status: z.number().int().min(100).max(599).optional(),
  times: z.number().int().min(1).optional(),
  body: z.record(z.string(), z.unknown()).optional(),
});
const latencySchema = z.object({ ms: z.number().int().min(0), route: z.string().min(1).optional() });
const closeSchema = z.object({ code: z.number().int().min(1000).max(4999), reason: z.string().max(123).optional() });
const enabledSchema = z.object({ enabled: z.boolean() });
const ttlSchema = z.object({ ms: z.number().int().min(0) });
const refuseSchema = z.object({ times: z.number().int().min(1).optional(), status: z.number().int().min(400).max(599).optional() });
const timesSchema = z.object({ times: z.number().int().min(1).optional() });

/**
 * Fault controls over HTTP (development only), so a test in another process
 * (or the conformance CLI) can script failures. They are never themselves
 * subject to faults. Each answers `{ ok: true }`.
 */
export function registerControlRoutes(app: Hono<MockAppEnv>, core: ChatCore): void {
  const faults = core.faults;
  const ok = { ok: true } as const;

  app.post('/_control/fail', async (c) => {
    const body = await jsonBody(c, failSchema);
    faults.failNext(body.route, {
      ...(body.status !== undefined ? { status: body.status } : {}),
      ...(body.times !== undefined ? { times: body.times } : {}),
      ...(body.body !== undefined ? { body: body.body } : {}),
    });
    return c.json(ok);
  });
  app.post('/_control/latency', async (c) => {
    const body = await jsonBody(c, latencySchema);
    faults.addLatency(body.ms, body.route);
    return c.json(ok);
  });
  app.delete('/_control/latency', (c) => {
    faults.clearLatency();
    return c.json(ok);
  });
  app.post('/_control/sockets/drop', (c) => {
    faults.dropAllSockets();
    return c.json(ok);
  });
  app.post('/_control/sockets/close', async (c) => {
    const body = await jsonBody(c, closeSchema);
    faults.closeAllSockets(body.code, body.reason);
    return c.json(ok);
  });
  app.post('/_control/pings', async (c) => {
    const body = await jsonBody(c, enabledSchema);
    if (body.enabled) faults.resumeAnsweringPings();
    else faults.stopAnsweringPings();
    return c.json(ok);
  });
  app.post('/_control/half-open', async (c) => {
    const body = await jsonBody(c, enabledSchema);
    faults.setHalfOpen(body.enabled);
    return c.json(ok);
  });
  app.post('/_control/tickets/expire', (c) => {
    faults.expireTickets();
    return c.json(ok);
  });
  app.post('/_control/tickets/ttl', async (c) => {
    const body = await jsonBody(c, ttlSchema);
    faults.setTicketTtl(body.ms);
    return c.json(ok);
  });
  app.post('/_control/upgrades/refuse', async (c) => {
    const body = await jsonBody(c, refuseSchema);
    faults.refuseUpgrades(body.times, body.status);
    return c.json(ok);
  });
  app.post('/_control/badge-clear/fail', async (c) => {
    const body = await jsonBody(c, timesSchema);
    faults.failBadgeClears(body.times);
    return c.json(ok);
  });
  app.post('/_control/reset', (c) => {
    faults.reset();
    return c.json(ok);
  });
}
