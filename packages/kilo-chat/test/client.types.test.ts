/**
 * Compile-time checks that the reference-shaped inputs are accepted: the
 * global `fetch`, an async-only `getToken` and a reference `onUnauthorized`.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { KiloChatClient } from '../src/index';
import type { KiloChatClientConfig, KiloChatOperation, Message, MessageListResponse } from '../src/index';
import type { KiloChatClientConfig as FromTypes, KiloChatOperation as OperationFromTypes } from '../src/types';
import { fakeEventChannel } from './support/fixtures';

describe('types', () => {
  it('accepts reference-shaped configuration', () => {
    const config: KiloChatClientConfig = {
      eventService: fakeEventChannel(),
      baseUrl: 'https://chat.test',
      getToken: async () => 'token',
      onUnauthorized: async () => 'retry' as const,
      fetch: globalThis.fetch,
      captureOperationAdmission: () => () => {},
      canPublish: () => true,
    };
    const client = new KiloChatClient(config);
    expect(client.canPublish()).toBe(true);
    client.dispose();
  });

  it('exposes the reference return types', () => {
    expectTypeOf<KiloChatClient['listMessages']>().returns.toEqualTypeOf<Promise<Message[]>>();
    expectTypeOf<KiloChatClient['listMessagesPage']>().returns.toEqualTypeOf<Promise<MessageListResponse>>();
    expectTypeOf<KiloChatClient['deleteMessage']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<KiloChatClient['captureOperation']>().returns.toEqualTypeOf<KiloChatOperation>();
    expectTypeOf<FromTypes>().toEqualTypeOf<KiloChatClientConfig>();
    expectTypeOf<OperationFromTypes>().toEqualTypeOf<KiloChatOperation>();
  });
});
