/**
 * Helpers of the message hook tests (msw face of the mock server): fresh
 * conversations per test, server-side writes as the bot, and a log of the
 * HTTP requests the clients made.
 */
import { kiloclawConversationContext } from '@kilocode/event-service';
import type { ContentBlock } from '@kilocode/kilo-chat';
import type { MockKiloChatServer } from '@kilocode/kilo-chat-mock-server';
import { type HarnessServer, type UserSession, connectAndSubscribe } from './support/harness';

/** The msw-face server of `startMswServer()`. */
export type MswHarness = HarnessServer & { mock: MockKiloChatServer };

/** A fresh conversation with alice, bob and the demo bot, holding `count` messages m1..m<count> from alice. Returns its id and the message ids (oldest first). */
export function seedTeamConversation(server: HarnessServer, count = 0): { conversationId: string; messageIds: string[] } {
  const conversationId = server.core.seedConversation({ sandboxId: server.demo.sandboxId, userIds: ['alice', 'bob'], title: 'Test' });
  const messageIds: string[] = [];
  for (let n = 1; n <= count; n++) messageIds.push(server.core.seedMessage({ conversationId, senderId: 'alice', text: `m${n}` }));
  return { conversationId, messageIds };
}

/** The demo bot as a caller of the core. */
export function bot(server: HarnessServer) {
  return { id: server.demo.botId, kind: 'bot' as const };
}

/** A human caller of the core. */
export function user(id: string) {
  return { id, kind: 'user' as const };
}

/** An approval block the bot can post. */
export function approval(groupId = 'g1'): ContentBlock {
  return {
    type: 'actions',
    groupId,
    actions: [
      { label: 'Allow', style: 'primary', value: 'allow-once' },
      { label: 'Deny', style: 'danger', value: 'deny' },
    ],
  };
}

/** Subscribes `session` to the conversation's context and waits until the server holds it. */
export function joinConversation(server: HarnessServer, session: UserSession, conversationId: string): Promise<void> {
  return connectAndSubscribe(server, session, [kiloclawConversationContext(server.demo.sandboxId, conversationId)]);
}

/** One request the clients sent. */
export interface LoggedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

/** Records every HTTP request through msw until `stop()`. */
export function logRequests(server: MswHarness): { requests: LoggedRequest[]; count(method: string, pathPattern: RegExp): number; stop(): void } {
  const requests: LoggedRequest[] = [];
  const listener = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const entry: LoggedRequest = { method: request.method, path: url.pathname, search: url.searchParams, body: undefined };
    requests.push(entry);
    if (request.method !== 'GET' && request.method !== 'DELETE') {
      void request
        .clone()
        .text()
        .then((body) => {
          entry.body = body ? JSON.parse(body) : undefined;
        })
        .catch(() => undefined);
    }
  };
  server.mock.server.events.on('request:start', listener);
  return {
    requests,
    count: (method, pathPattern) => requests.filter((r) => r.method === method && pathPattern.test(r.path)).length,
    stop: () => server.mock.server.events.removeListener('request:start', listener),
  };
}

/** Path pattern of the message list route. */
export const LIST_MESSAGES = /^\/v1\/conversations\/[^/]+\/messages$/;
/** Path pattern of the send route. */
export const SEND_MESSAGE = /^\/v1\/messages$/;
