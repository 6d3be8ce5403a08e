import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '@kilocode/kilo-chat-mock-server';
import type { MockServer, StartMockServerOptions } from '@kilocode/kilo-chat-mock-server';
import type { ConformanceTarget } from '@kilocode/kilo-chat-conformance';

/** A mock server seeded for the suite, a bot webhook receiver that accepts everything, and the target. */
export interface ConformanceFixture {
  readonly server: MockServer;
  readonly target: ConformanceTarget & { userToken: string; secondUserToken: string; botToken: string };
  close(): Promise<void>;
}

export async function startConformanceFixture(options: StartMockServerOptions = {}): Promise<ConformanceFixture> {
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
  const server = await startMockServer({ ...options, port: 0 });
  server.createUser({ id: 'conformance-owner', displayName: 'Owner' });
  server.createUser({ id: 'conformance-other', displayName: 'Other' });
  server.createSandbox({ id: 'conformance-sbx', ownerId: 'conformance-owner', webhookUrl });
  const target = {
    chatUrl: server.chatUrl,
    eventsUrl: server.eventsUrl,
    badgesUrl: server.chatUrl,
    sandboxId: 'conformance-sbx',
    userToken: await server.mintUserToken('conformance-owner'),
    secondUserToken: await server.mintUserToken('conformance-other'),
    botToken: server.gatewayToken('conformance-sbx'),
    devRoutes: true,
    webhook: {},
  };
  return {
    server,
    target,
    async close() {
      await server.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}
