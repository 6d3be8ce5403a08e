/**
 * Valid wire values for client tests: fixed ULIDs, a token, and response
 * bodies in the newest server shape.
 */
import { vi } from 'vitest';
import type { EventChannel } from '@kilocode/event-service';

export const TOKEN = 'tok-SECRET-3f9a1c';
export const GATEWAY_TOKEN = 'a'.repeat(64);
export const SANDBOX_ID = 'sbx_test-1';
export const CONVERSATION_ID = '01HZY3J5V9K6W2Q8R4T7M1N0PA';
export const CONVERSATION_ID_2 = '01HZY3J5V9K6W2Q8R4T7M1N0PG';
export const MESSAGE_ID = '01HZY3J5V9K6W2Q8R4T7M1N0PB';
export const MESSAGE_ID_2 = '01HZY3J5V9K6W2Q8R4T7M1N0PC';
export const ATTACHMENT_ID = '01HZY3J5V9K6W2Q8R4T7M1N0PD';
export const CLIENT_ID = '01HZY3J5V9K6W2Q8R4T7M1N0PE';
export const OPERATION_ID = '01HZY3J5V9K6W2Q8R4T7M1N0PF';

export const message = {
  id: MESSAGE_ID,
  senderId: 'user-1',
  content: [{ type: 'text', text: 'hello' }],
  inReplyToMessageId: null,
  replyTo: null,
  updatedAt: null,
  clientUpdatedAt: null,
  deleted: false,
  deliveryFailed: false,
  reactions: [],
} as const;

export const listItem = {
  conversationId: CONVERSATION_ID,
  title: 'Planning',
  lastActivityAt: null,
  lastReadAt: null,
  joinedAt: 1_700_000_000_000,
} as const;

export const botStatusRecord = { online: true, at: 1_700_000_000_000, updatedAt: 1_700_000_000_500 } as const;

export const conversationStatusRecord = {
  conversationId: CONVERSATION_ID,
  contextTokens: 1200,
  contextWindow: 200_000,
  model: 'claude',
  provider: 'anthropic',
  at: 1_700_000_000_000,
  updatedAt: 1_700_000_000_100,
} as const;

export const textContent = [{ type: 'text', text: 'hello' }] as const;

/** A fake event channel: records handlers per event and lets the test emit. */
export function fakeEventChannel() {
  const handlers = new Map<string, Set<(context: string, payload: unknown) => void>>();
  const channel: EventChannel & {
    emit(event: string, context: string, payload: unknown): void;
    count(event: string): number;
  } = {
    on: vi.fn((event: string, handler: (context: string, payload: unknown) => void) => {
      let set = handlers.get(event);
      if (set === undefined) {
        set = new Set();
        handlers.set(event, set);
      }
      set.add(handler);
      return () => {
        set.delete(handler);
      };
    }),
    emit(event, context, payload) {
      for (const handler of [...(handlers.get(event) ?? [])]) handler(context, payload);
    },
    count(event) {
      return handlers.get(event)?.size ?? 0;
    },
  };
  return channel;
}

/** A fetch response for injected-fetch tests. */
export function jsonResponse(status: number, body?: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  };
}

/** An object whose every property read and prototype lookup throws, as a hostile caller could pass. */
export function unreadableObject(): object {
  const boom = () => {
    throw new Error('boom');
  };
  return new Proxy({}, { get: boom, getPrototypeOf: boom });
}

/** A valid `message.created` payload (one text block, no reply, no client id), with `fields` replaced or added. */
export function messageCreatedPayload(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    messageId: MESSAGE_ID,
    senderId: 'user-1',
    content: [{ type: 'text', text: 'hello' }],
    inReplyToMessageId: null,
    replyTo: null,
    clientId: null,
    ...fields,
  };
}
