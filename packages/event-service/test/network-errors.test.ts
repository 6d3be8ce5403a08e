/**
 * With the server down, onError gets a `ticket_failed` EventServiceError with
 * no `status`, the original fetch error as `cause`, and a message that names
 * it (issue 13, item 2).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { EventServiceClient, EventServiceError } from '../src/index';

async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('ticket request with the server down', () => {
  it('reports ticket_failed with the fetch error as cause and in the message', async () => {
    const token = 'tok-SECRET-network';
    const client = new EventServiceClient({ url: await deadUrl(), getToken: () => token, platform: null });
    const first = new Promise<unknown>((resolve) => client.onError(resolve));
    await client.connect();
    const error = (await first) as EventServiceError;
    client.dispose();
    expect(error).toBeInstanceOf(EventServiceError);
    expect(error.code).toBe('ticket_failed');
    expect(error.status).toBeUndefined();
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^Ticket request failed before a response arrived: fetch failed: .*ECONNREFUSED/);
    expect(error.message).not.toContain(token);
  });

  it('redacts the token when a custom fetch echoes it', async () => {
    const token = 'tok-SECRET-echo';
    const client = new EventServiceClient({
      url: 'http://events.test',
      getToken: () => token,
      platform: null,
      fetch: (_url, init) => Promise.reject(new TypeError(`refused ${init.headers.authorization}`)),
    });
    const first = new Promise<unknown>((resolve) => client.onError(resolve));
    await client.connect();
    const error = (await first) as EventServiceError;
    client.dispose();
    expect(error.message).toBe('Ticket request failed before a response arrived: refused Bearer [redacted]');
  });
});
