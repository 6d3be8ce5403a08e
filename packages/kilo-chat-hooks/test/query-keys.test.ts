import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import {
  attachmentUrlKey,
  badgesKey,
  botStatusKey,
  conversationKey,
  conversationsKey,
  conversationsKeyAll,
  createConversationMutationKey,
  messagesKey,
} from '../src/index';

describe('query keys', () => {
  it('A1: every key begins with kilo-chat and is keyed by the ids the reference uses', () => {
    expect(conversationsKey('sbx')).toEqual(['kilo-chat', 'conversations', 'sbx']);
    expect(conversationsKey(null)).toEqual(['kilo-chat', 'conversations', null]);
    expect(conversationsKeyAll()).toEqual(['kilo-chat', 'conversations']);
    expect(conversationKey('c1')).toEqual(['kilo-chat', 'conversation', 'c1']);
    expect(messagesKey('c1')).toEqual(['kilo-chat', 'messages', 'c1']);
    expect(botStatusKey('sbx')).toEqual(['kilo-chat', 'bot-status', 'sbx']);
    expect(attachmentUrlKey('c1', 'a1')).toEqual(['kilo-chat', 'attachment-url', 'c1', 'a1']);
    expect(badgesKey()[0]).toBe('kilo-chat');
    expect(createConversationMutationKey[0]).toBe('kilo-chat');
  });

  it('invalidating the kilo-chat prefix reaches every cache, and the list prefix reaches every sandbox list only', async () => {
    const queryClient = new QueryClient();
    const keys = [conversationsKey('a'), conversationsKey(null), conversationKey('c'), messagesKey('c'), botStatusKey('a'), attachmentUrlKey('c', 'x'), badgesKey()];
    for (const key of keys) queryClient.setQueryData(key, 1);
    await queryClient.invalidateQueries({ queryKey: conversationsKeyAll() });
    expect(keys.map((key) => queryClient.getQueryState(key)?.isInvalidated)).toEqual([true, true, false, false, false, false, false]);
    await queryClient.invalidateQueries({ queryKey: ['kilo-chat'] });
    expect(keys.every((key) => queryClient.getQueryState(key)?.isInvalidated)).toBe(true);
  });
});
