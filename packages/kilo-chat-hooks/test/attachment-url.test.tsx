/**
 * Attachment download URLs: the pure freshness helpers, the query options
 * driven by TanStack's QueryObserver (with a stand-in client and fake
 * timers), and useAttachmentUrl against the mock server's msw face.
 */
import type { AttachmentGetUrlResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import {
  attachmentUrlKey,
  attachmentUrlQueryOptions,
  computeAttachmentUrlStaleMs,
  isAttachmentUrlValid,
  useAttachmentUrl,
} from '../src/index';
import { createUserSession, startMswServer } from './support/harness';

const NOW = 1_800_000_000_000; // a whole second
const CONVERSATION = '01HV0000000000000000CONV01';
const ATTACHMENT = '01HV0000000000000000ATT001';

function urlResponse(expiresInSeconds: number, url = 'https://store.example/a'): AttachmentGetUrlResponse {
  return { url, mimeType: 'image/png', size: 10, filename: 'a.png', expiresAt: Math.floor(Date.now() / 1000) + expiresInSeconds };
}

function stubClient(...responses: Array<() => AttachmentGetUrlResponse>) {
  const getAttachmentUrl = vi.fn(async () => (responses.length > 1 ? responses.shift()! : responses[0]!)());
  return { client: { getAttachmentUrl } as unknown as KiloChatClient, getAttachmentUrl };
}

const newQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

afterEach(() => vi.useRealTimers());

describe('attachment URL freshness (pure)', () => {
  it('A10: stale time is the lifetime minus 5 minutes (3 600 s lifetime ⇒ 3 300 000 ms)', () => {
    expect(computeAttachmentUrlStaleMs(NOW / 1000 + 3600, NOW)).toBe(3_300_000);
    expect(computeAttachmentUrlStaleMs(NOW / 1000 + 301, NOW)).toBe(1_000);
  });

  it('A11: stale time is 0 when expiry is within 5 minutes or already past', () => {
    expect(computeAttachmentUrlStaleMs(NOW / 1000 + 300, NOW)).toBe(0);
    expect(computeAttachmentUrlStaleMs(NOW / 1000 + 60, NOW)).toBe(0);
    expect(computeAttachmentUrlStaleMs(NOW / 1000 - 10, NOW)).toBe(0);
  });

  it('isAttachmentUrlValid is true strictly before the expiry', () => {
    expect(isAttachmentUrlValid(NOW / 1000 + 1, NOW)).toBe(true);
    expect(isAttachmentUrlValid(NOW / 1000, NOW)).toBe(false);
    expect(isAttachmentUrlValid(NOW / 1000 - 1, NOW)).toBe(false);
  });
});

describe('attachmentUrlQueryOptions (QueryObserver, stand-in client)', () => {
  it('A1: is keyed by conversation and attachment id under kilo-chat', () => {
    const { client } = stubClient(() => urlResponse(3600));
    const options = attachmentUrlQueryOptions(client, CONVERSATION, ATTACHMENT);
    expect(options.queryKey).toEqual(['kilo-chat', 'attachment-url', CONVERSATION, ATTACHMENT]);
    expect(options.queryKey).toEqual(attachmentUrlKey(CONVERSATION, ATTACHMENT));
  });

  it('A11: is disabled (no request) when either id is null or empty, or when enabled is false', async () => {
    const { client, getAttachmentUrl } = stubClient(() => urlResponse(3600));
    const queryClient = newQueryClient();
    for (const [conversationId, attachmentId, config] of [
      [null, ATTACHMENT, {}],
      [CONVERSATION, null, {}],
      ['', ATTACHMENT, {}],
      [CONVERSATION, ATTACHMENT, { enabled: false }],
    ] as const) {
      const options = attachmentUrlQueryOptions(client, conversationId, attachmentId, config);
      expect(options.enabled).toBe(false);
      const unsubscribe = new QueryObserver(queryClient, options).subscribe(() => {});
      await new Promise((resolve) => setTimeout(resolve, 0));
      unsubscribe();
    }
    expect(getAttachmentUrl).not.toHaveBeenCalled();
  });

  it('an explicit refetch of a query without ids fails with "useAttachmentUrl called without ids"', async () => {
    const { client, getAttachmentUrl } = stubClient(() => urlResponse(3600));
    const observer = new QueryObserver(newQueryClient(), attachmentUrlQueryOptions(client, CONVERSATION, null));
    const result = await observer.refetch();
    expect(result.error?.message).toBe('useAttachmentUrl called without ids');
    expect(getAttachmentUrl).not.toHaveBeenCalled();
  });

  it('every observer of the same ids shares one request, and a remount inside the fresh window does not refetch', async () => {
    const { client, getAttachmentUrl } = stubClient(() => urlResponse(3600));
    const queryClient = newQueryClient();
    const options = attachmentUrlQueryOptions(client, CONVERSATION, ATTACHMENT);
    const offs = [1, 2, 3].map(() => new QueryObserver(queryClient, options).subscribe(() => {}));
    await vi.waitFor(() => expect(queryClient.getQueryData(options.queryKey)).toBeDefined());
    offs.forEach((off) => off());
    const again = new QueryObserver(queryClient, options).subscribe(() => {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    again();
    expect(getAttachmentUrl).toHaveBeenCalledTimes(1);
    expect(getAttachmentUrl).toHaveBeenCalledWith({ conversationId: CONVERSATION, attachmentId: ATTACHMENT }, expect.objectContaining({ signal: expect.any(AbortSignal) }));
  });

  it('A11: window focus never refetches a fresh URL; a URL already inside its 5-minute refresh window is fetched again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.setSystemTime(NOW);
    const { client, getAttachmentUrl } = stubClient(
      () => urlResponse(3600, 'https://store.example/fresh'),
      () => urlResponse(3600, 'https://store.example/refreshed'),
    );
    const queryClient = newQueryClient();
    const options = attachmentUrlQueryOptions(client, CONVERSATION, ATTACHMENT);
    expect(options.refetchOnWindowFocus).not.toBe('always');
    const unsubscribe = new QueryObserver(queryClient, options).subscribe(() => {});
    await vi.waitFor(() => expect(getAttachmentUrl).toHaveBeenCalledTimes(1));

    vi.setSystemTime(NOW + 30 * 60_000); // half-way through the hour: fresh
    queryClient.getQueryCache().onFocus();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(getAttachmentUrl).toHaveBeenCalledTimes(1);

    vi.setSystemTime(NOW + 56 * 60_000); // the tab slept past the refresh point (4 min left)
    queryClient.getQueryCache().onFocus();
    await vi.waitFor(() => expect(queryClient.getQueryData(options.queryKey)!.url).toBe('https://store.example/refreshed'));
    expect(getAttachmentUrl).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it('a displayed URL is fetched again when it goes stale (5 minutes before expiry), without focus or remount', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const { client, getAttachmentUrl } = stubClient(() => urlResponse(3600));
    const queryClient = newQueryClient();
    const unsubscribe = new QueryObserver(queryClient, attachmentUrlQueryOptions(client, CONVERSATION, ATTACHMENT)).subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(getAttachmentUrl).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_300_000 - 1);
    expect(getAttachmentUrl).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(getAttachmentUrl).toHaveBeenCalledTimes(2);
    unsubscribe();
  });

  it('refetchInterval is false when there is nothing to refresh (no URL yet, or one issued with under 5 minutes left)', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    const { client, getAttachmentUrl } = stubClient(() => urlResponse(120));
    const queryClient = newQueryClient();
    const options = attachmentUrlQueryOptions(client, CONVERSATION, ATTACHMENT);
    const unsubscribe = new QueryObserver(queryClient, options).subscribe(() => {});
    await vi.advanceTimersByTimeAsync(0);
    const query = queryClient.getQueryCache().find({ queryKey: options.queryKey })!;
    const refetchInterval = options.refetchInterval as unknown as (q: typeof query) => number | false;
    expect(refetchInterval(query)).toBe(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(getAttachmentUrl).toHaveBeenCalledTimes(1); // no polling loop
    unsubscribe();
  });
});

describe('useAttachmentUrl (msw face)', () => {
  const server = startMswServer();
  afterAll(() => server.stop());

  it('returns a working signed download URL for an attachment sent in the conversation', async () => {
    const alice = await createUserSession(server, 'alice');
    const conversationId = server.demo.welcomeConversationId;
    const init = await alice.chat.initAttachment({ conversationId, mimeType: 'image/png', size: 4, filename: 'dot.png' });
    await fetch(init.putUrl, { method: 'PUT', body: new Uint8Array([137, 80, 78, 71]), headers: { 'Content-Type': 'image/png' } });
    await alice.chat.sendMessage({
      conversationId,
      content: [{ type: 'attachment', attachmentId: init.attachmentId, mimeType: 'image/png', size: 4, filename: 'dot.png' }],
    });

    const { result } = renderHook(() => useAttachmentUrl(alice.chat, conversationId, init.attachmentId), { wrapper: alice.wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toMatchObject({ mimeType: 'image/png', size: 4, filename: 'dot.png' });
    expect(isAttachmentUrlValid(result.current.data!.expiresAt, Date.now())).toBe(true);
    expect(computeAttachmentUrlStaleMs(result.current.data!.expiresAt, Date.now())).toBeGreaterThan(3_200_000);
    const download = await fetch(result.current.data!.url);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    alice.close();
  });

  it('surfaces the API error for an attachment that was never sent (not found)', async () => {
    const alice = await createUserSession(server, 'alice');
    const conversationId = server.demo.welcomeConversationId;
    const init = await alice.chat.initAttachment({ conversationId, mimeType: 'text/plain', size: 1, filename: 'x.txt' });
    const { result } = renderHook(() => useAttachmentUrl(alice.chat, conversationId, init.attachmentId), { wrapper: alice.wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ status: 404, code: 'not_found' });
    alice.close();
  });

  it('stays idle while an id is missing', async () => {
    const alice = await createUserSession(server, 'alice');
    const { result } = renderHook(() => useAttachmentUrl(alice.chat, server.demo.welcomeConversationId, null), { wrapper: alice.wrapper });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current.fetchStatus).toBe('idle');
    expect(result.current.data).toBeUndefined();
    alice.close();
  });
});
