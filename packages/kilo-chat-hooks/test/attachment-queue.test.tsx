/**
 * useAttachmentQueue against the mock server's msw face: init, PUT to the
 * mock's blob store, linking by a sent message, admission and ownership
 * changes, and the terminal-state / concurrency / retry fixes of weakness 15.
 */
import type { KiloChatFetch, KiloChatOperation } from '@kilocode/kilo-chat';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createXhrPerformUpload, useAttachmentQueue, type PerformUpload, type UseAttachmentQueueOptions } from '../src/index';
import { createFetchPerformUpload } from './support/fetch-perform-upload';
import { createUserSession, startMswServer, type HarnessServer, type UserSessionOptions } from './support/harness';

const server = startMswServer();
afterAll(() => server.stop());
afterEach(() => {
  server.core.faults.reset();
  vi.useRealTimers();
});

/**
 * Waits (outside act, so React 18 and 19 both render the store updates) until `predicate` holds.
 */
async function eventually(predicate: () => boolean): Promise<void> {
  await waitFor(
    () => {
      if (!predicate()) throw new Error('condition not reached yet');
    },
    { timeout: 5_000, interval: 5 },
  );
}

const conversationId = () => server.demo.welcomeConversationId;
const text = (value: string) => new Blob([value], { type: 'text/plain' });

/** A lease the app flips: operations captured under an older epoch are refused at dispatch. */
function createLease() {
  const lease = { epoch: 0, owner: true, locked: false };
  const chat: NonNullable<UserSessionOptions['chat']> = {
    canPublish: () => lease.owner,
    captureOperationAdmission: () => {
      if (lease.locked) throw new Error('Kilo Chat is locked');
      const captured = lease.epoch;
      return () => {
        if (lease.epoch !== captured) throw Object.assign(new Error('Kilo Chat lease is stale'), { code: 'lease_stale' });
      };
    },
  };
  return { lease, chat };
}

/** The client's fetch, still answered by the msw face, with a hook that runs when a response arrives. */
function observedFetch(onResponse: (url: string, method: string) => void): KiloChatFetch {
  return async (url, init) => {
    const response = await globalThis.fetch(url, init as RequestInit);
    onResponse(url, init.method);
    return response;
  };
}

function initCount(calls: string[]) {
  return calls.filter((url) => url.endsWith('/v1/attachments/init')).length;
}

async function session(options: UserSessionOptions = {}) {
  return createUserSession(server as HarnessServer, 'alice', options);
}

function renderQueue(
  chat: Awaited<ReturnType<typeof session>>,
  options: Partial<UseAttachmentQueueOptions> & { performUpload: PerformUpload },
) {
  return renderHook(() => useAttachmentQueue(chat.chat, conversationId(), { maxBytes: 1024, ...options }), { wrapper: chat.wrapper });
}

/** An uploader the test settles by hand; it rejects with an AbortError when its signal aborts. */
function controlledUpload() {
  const calls: Array<{
    blob: Blob;
    putUrl: string;
    signal: AbortSignal;
    operation: KiloChatOperation | undefined;
    onProgress: (fraction: number) => void;
    resolve: () => void;
    reject: (error: unknown) => void;
  }> = [];
  const performUpload: PerformUpload = (blob, putUrl, _headers, { signal, operation, onProgress }) =>
    new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')), { once: true });
      calls.push({ blob, putUrl, signal, operation, onProgress, resolve, reject });
    });
  /** The upload of a given blob (uploads start in the order their inits answer, not in row order). */
  const callFor = (blob: Blob | null) => {
    const call = calls.find((candidate) => candidate.blob === blob);
    if (!call) throw new Error('that blob has no upload');
    return call;
  };
  return { calls, performUpload, callFor };
}

describe('useAttachmentQueue: uploads (msw face)', () => {
  it('H92: a client without admission hooks uploads normally; the bytes reach the server and a sent message links them', async () => {
    const alice = await session();
    const log = { puts: [] as string[] };
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(log) });

    let tempId: string | null = null;
    act(() => {
      tempId = result.current.addFile({ blob: text('hello bytes'), filename: 'notes.txt', mimeType: 'text/plain' });
    });
    expect(tempId).toMatch(/^tmp-[0-9a-z]+-\d+$/);
    expect(result.current.rows).toEqual([
      { tempId, filename: 'notes.txt', mimeType: 'text/plain', size: 11, status: 'uploading', progress: 0 },
    ]);
    expect(result.current.isUploading).toBe(true);

    await eventually(() => result.current.rows[0]?.status === 'ready');
    const row = result.current.rows[0]!;
    expect(row).toMatchObject({ status: 'ready', progress: 1 });
    expect(result.current.isUploading).toBe(false);
    expect(result.current.hasFailed).toBe(false);

    const stored = server.core.blobs.get(row.attachmentId!);
    expect(new TextDecoder().decode(stored!.bytes)).toBe('hello bytes');
    expect(stored!.contentType).toBe('text/plain');
    expect(server.core.attachments.get(row.attachmentId!)).toMatchObject({ idempotencyKey: tempId, status: 'pending', size: 11 });
    expect(log.puts).toHaveLength(1);

    expect(result.current.readyBlocks).toEqual([
      { type: 'attachment', attachmentId: row.attachmentId, mimeType: 'text/plain', size: 11, filename: 'notes.txt' },
    ]);
    const { messageId } = await alice.chat.sendMessage({
      conversationId: conversationId(),
      content: [{ type: 'text', text: 'see attached' }, ...result.current.readyBlocks],
    });
    expect(server.core.attachments.get(row.attachmentId!)).toMatchObject({ status: 'linked', messageId });

    // The bytes stay for previews until the sent rows are cleared.
    expect(result.current.getBlob(tempId!)).not.toBeNull();
    act(() => result.current.clearFiles([tempId!]));
    expect(result.current.rows).toEqual([]);
    expect(result.current.getBlob(tempId!)).toBeNull();
    alice.close();
  });

  it('uploads with createXhrPerformUpload through the runtime XMLHttpRequest (happy-dom) to the mock blob store', async () => {
    const alice = await session();
    const { result } = renderQueue(alice, { performUpload: createXhrPerformUpload() });
    act(() => void result.current.addFile({ blob: text('via xhr'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status === 'ready');
    expect(new TextDecoder().decode(server.core.blobs.get(result.current.rows[0]!.attachmentId!)!.bytes)).toBe('via xhr');
    alice.close();
  });

  it('H93: files larger than maxBytes are rejected with the size callback and return null', async () => {
    const alice = await session();
    const onSizeRejected = vi.fn();
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(), maxBytes: 4, onSizeRejected });
    const input = { blob: text('12345'), filename: 'big.txt', mimeType: 'text/plain' };
    let tempId: string | null = 'unset';
    act(() => {
      tempId = result.current.addFile(input);
    });
    expect(tempId).toBeNull();
    expect(onSizeRejected).toHaveBeenCalledWith(input);
    expect(result.current.rows).toEqual([]);
    alice.close();
  });

  it('addFile returns null when the client or the supplied operation can no longer publish', async () => {
    const { lease, chat } = createLease();
    const alice = await session({ chat });
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload() });
    const operation = alice.chat.captureOperation();
    lease.owner = false;
    expect(result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' })).toBeNull();
    expect(result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain', operation })).toBeNull();
    expect(result.current.rows).toEqual([]);
    alice.close();
  });

  it('uses generateTempId for the row id and as the init idempotency key', async () => {
    const alice = await session();
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(), generateTempId: () => 'draft-file-1' });
    act(() => void result.current.addFile({ blob: text('abc'), filename: 'a.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status === 'ready');
    expect(result.current.rows[0]!.tempId).toBe('draft-file-1');
    expect(server.core.attachments.get(result.current.rows[0]!.attachmentId!)!.idempotencyKey).toBe('draft-file-1');
    alice.close();
  });

  it('survives StrictMode double mounting: the queue that renders is the one that uploads', async () => {
    const alice = await session({ strict: true });
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload() });
    act(() => void result.current.addFile({ blob: text('strict'), filename: 's.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status === 'ready');
    expect(result.current.readyBlocks).toHaveLength(1);
    alice.close();
  });
});

describe('useAttachmentQueue: admission and ownership (msw face)', () => {
  it('H88: admission going stale after init fails the row with the lease error, keeps the attachment id and bytes, uploads nothing', async () => {
    const { lease, chat } = createLease();
    const alice = await session({
      chat: {
        ...chat,
        fetch: observedFetch((url) => {
          if (url.endsWith('/v1/attachments/init')) lease.epoch += 1; // e.g. the app re-locked while init was answered
        }),
      },
    });
    const log = { puts: [] as string[] };
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(log) });
    let tempId: string | null = null;
    act(() => {
      tempId = result.current.addFile({ blob: text('secret'), filename: 's.txt', mimeType: 'text/plain' });
    });
    await eventually(() => result.current.rows[0]?.status === 'failed');
    const row = result.current.rows[0]!;
    expect(row.error).toBe('Kilo Chat lease is stale');
    expect(row.errorCode).toBe('lease_stale');
    expect(row.attachmentId).toMatch(/^[0-9A-Z]{26}$/);
    expect(result.current.getBlob(tempId!)).not.toBeNull();
    expect(log.puts).toEqual([]);
    expect(server.core.blobs.get(row.attachmentId!)).toBeUndefined();
    expect(result.current.hasFailed).toBe(true);
    alice.close();
  });

  it('H89: an explicit retry keeps its new admission through a re-initialisation (expired PUT URL ⇒ init again)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { lease, chat } = createLease();
    const responses: string[] = [];
    const alice = await session({ chat: { ...chat, fetch: observedFetch((url) => responses.push(url)) } });
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload() });

    server.core.faults.failNext('PUT /_blob/:id', { status: 403, body: { error: 'SignatureDoesNotMatch' } });
    let tempId: string | null = null;
    act(() => {
      tempId = result.current.addFile({ blob: text('retry me'), filename: 'r.txt', mimeType: 'text/plain' });
    });
    await eventually(() => result.current.rows[0]?.status === 'failed');
    expect(result.current.rows[0]).toMatchObject({ error: 'Upload failed (403)', errorCode: 'upload_failed' });
    expect(initCount(responses)).toBe(1);
    const firstAttachmentId = result.current.rows[0]!.attachmentId;

    // The old operation's lease is gone, and the 15-minute PUT URL has expired.
    lease.epoch += 1;
    vi.setSystemTime(Date.now() + 16 * 60_000);

    let started = false;
    act(() => {
      started = result.current.retryFile(tempId!);
    });
    expect(started).toBe(true);
    expect(result.current.rows[0]).toMatchObject({ status: 'uploading', progress: 0 });
    expect(result.current.rows[0]!.error).toBeUndefined();
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    expect(result.current.rows[0]!.status).toBe('ready');
    expect(initCount(responses)).toBe(2);
    const attachmentId = result.current.rows[0]!.attachmentId!;
    expect(attachmentId).not.toBe(firstAttachmentId); // the idempotency window (30 s) had passed: a new reservation
    expect(new TextDecoder().decode(server.core.blobs.get(attachmentId)!.bytes)).toBe('retry me');
    alice.close();
  });

  it('H90 + W15: an owner change during init ends the row failed (not stuck uploading), without an attachment id, uploading nothing', async () => {
    const { lease, chat } = createLease();
    const alice = await session({
      chat: {
        ...chat,
        fetch: observedFetch((url) => {
          if (url.endsWith('/v1/attachments/init')) lease.owner = false;
        }),
      },
    });
    const log = { puts: [] as string[] };
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(log) });
    act(() => void result.current.addFile({ blob: text('mine'), filename: 'm.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    const row = result.current.rows[0]!;
    expect(row).toMatchObject({ status: 'failed', error: 'Kilo Chat owner is no longer active', errorCode: 'not_owner' });
    expect(row.attachmentId).toBeUndefined();
    expect(log.puts).toEqual([]);
    expect(result.current.isUploading).toBe(false);
    // A retry needs a publishing client.
    expect(result.current.retryFile(row.tempId)).toBe(false);
    alice.close();
  });

  it('H91: an upload accepted before a lock still completes to ready for the original owner', async () => {
    const { lease, chat } = createLease();
    const alice = await session({ chat });
    const inner = createFetchPerformUpload();
    const performUpload: PerformUpload = (...args) => {
      const sending = inner(...args); // passes its last-moment admission check synchronously
      lease.epoch += 1; // the app locks while the bytes are on the wire
      return sending;
    };
    const { result } = renderQueue(alice, { performUpload });
    act(() => void result.current.addFile({ blob: text('accepted'), filename: 'a.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    expect(result.current.rows[0]!.status).toBe('ready');
    expect(server.core.blobs.get(result.current.rows[0]!.attachmentId!)).toBeDefined();
    alice.close();
  });

  it('a refused capture (locked when the file is added) shows the row failed with the refusal', async () => {
    const { lease, chat } = createLease();
    lease.locked = true;
    const alice = await session({ chat });
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload() });
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    expect(result.current.rows[0]).toMatchObject({ status: 'failed', error: 'Kilo Chat is locked' });
    alice.close();
  });
});

describe('useAttachmentQueue: weakness 15 (terminal states, concurrency, retry, bytes)', () => {
  it('W15: an owner change mid-PUT stops the upload and fails the row with not_owner', async () => {
    const { lease, chat } = createLease();
    const alice = await session({ chat });
    const upload = controlledUpload();
    const { result } = renderQueue(alice, { performUpload: upload.performUpload });
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => upload.calls.length === 1);
    act(() => upload.calls[0]!.onProgress(0.25));
    expect(result.current.rows[0]!.progress).toBe(0.25);

    lease.owner = false;
    act(() => upload.calls[0]!.onProgress(0.5)); // the next progress tick notices
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    expect(upload.calls[0]!.signal.aborted).toBe(true);
    expect(result.current.rows[0]).toMatchObject({ status: 'failed', errorCode: 'not_owner', progress: 0.25 });
    expect(result.current.isUploading).toBe(false);
    alice.close();
  });

  it('W15: an owner change while the PUT finishes fails the row instead of publishing ready', async () => {
    const { lease, chat } = createLease();
    const alice = await session({ chat });
    const upload = controlledUpload();
    const { result } = renderQueue(alice, { performUpload: upload.performUpload });
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => upload.calls.length === 1);
    lease.owner = false;
    await act(async () => upload.calls[0]!.resolve());
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    expect(result.current.rows[0]).toMatchObject({ status: 'failed', errorCode: 'not_owner' });
    alice.close();
  });

  it('W15: an uploader that aborts on its own ends the row failed with code cancelled', async () => {
    const alice = await session();
    const performUpload: PerformUpload = () => Promise.reject(new DOMException('Aborted', 'AbortError'));
    const { result } = renderQueue(alice, { performUpload });
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status !== 'uploading');
    expect(result.current.rows[0]).toMatchObject({ status: 'failed', error: 'Upload cancelled', errorCode: 'cancelled' });
    alice.close();
  });

  it('W15: unmounting aborts every in-flight upload', async () => {
    const alice = await session();
    const upload = controlledUpload();
    const { result, unmount } = renderQueue(alice, { performUpload: upload.performUpload });
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => upload.calls.length === 1);
    unmount();
    expect(upload.calls[0]!.signal.aborted).toBe(true);
    alice.close();
  });

  it('W15: at most maxConcurrentUploads files upload at once; the others wait in uploading and start in order', async () => {
    const alice = await session();
    const upload = controlledUpload();
    const { result } = renderQueue(alice, { performUpload: upload.performUpload, maxConcurrentUploads: 2 });
    const ids: string[] = [];
    act(() => {
      for (const name of ['a', 'b', 'c', 'd']) ids.push(result.current.addFile({ blob: text(name), filename: `${name}.txt`, mimeType: 'text/plain' })!);
    });
    const blobs = ids.map((id) => result.current.getBlob(id));
    await eventually(() => upload.calls.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(upload.calls).toHaveLength(2);
    expect(result.current.rows.map((r) => r.status)).toEqual(['uploading', 'uploading', 'uploading', 'uploading']);

    const initialised = () => result.current.rows.map((r) => r.attachmentId !== undefined);
    expect(initialised()).toEqual([true, true, false, false]); // waiting rows have not even been initialised

    await act(async () => upload.callFor(blobs[1]!).resolve());
    await eventually(() => upload.calls.length === 3);
    expect(result.current.rows[1]!.status).toBe('ready');
    expect(initialised()).toEqual([true, true, true, false]);
    upload.callFor(blobs[2]!); // the third file got the freed slot, not the fourth

    // Removing a running file frees its slot for the last one.
    act(() => result.current.removeFile(ids[0]!));
    await eventually(() => upload.calls.length === 4);
    expect(upload.callFor(blobs[0]!).signal.aborted).toBe(true);
    await act(async () => {
      upload.callFor(blobs[2]!).resolve();
      upload.callFor(blobs[3]!).resolve();
    });
    await eventually(() => !result.current.isUploading);
    expect(result.current.rows.map((r) => [r.tempId, r.status])).toEqual([
      [ids[1], 'ready'],
      [ids[2], 'ready'],
      [ids[3], 'ready'],
    ]);
    alice.close();
  });

  it('W15: the default concurrency cap is 3', async () => {
    const alice = await session();
    const upload = controlledUpload();
    const { result } = renderQueue(alice, { performUpload: upload.performUpload });
    act(() => {
      for (const name of ['a', 'b', 'c', 'd', 'e']) result.current.addFile({ blob: text(name), filename: `${name}.txt`, mimeType: 'text/plain' });
    });
    await eventually(() => upload.calls.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(upload.calls).toHaveLength(3);
    alice.close();
  });

  it('W15: transient failures (500 from init, 503 from storage) are retried automatically until the file is ready', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const responses: string[] = [];
    const alice = await session({ chat: { fetch: observedFetch((url) => responses.push(url)) } });
    const log = { puts: [] as string[] };
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(log) });

    server.core.faults.failNext('POST /v1/attachments/init', { status: 500 });
    server.core.faults.failNext('PUT /_blob/:id', { status: 503 });
    act(() => void result.current.addFile({ blob: text('flaky'), filename: 'f.txt', mimeType: 'text/plain' }));

    await eventually(() => initCount(responses) === 1); // attempt 1: init answers 500
    expect(result.current.rows[0]!.status).toBe('uploading');
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await eventually(() => log.puts.length === 1); // attempt 2: init works, the PUT answers 503
    expect(result.current.rows[0]!.status).toBe('uploading');
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await eventually(() => result.current.rows[0]?.status === 'ready'); // attempt 3
    expect(log.puts).toHaveLength(2);
    expect(initCount(responses)).toBe(2); // the still-valid PUT URL was reused
    expect(server.core.blobs.get(result.current.rows[0]!.attachmentId!)).toBeDefined();
    alice.close();
  });

  it('W15: after the automatic retries are spent the row fails with the last error; retryFile then uploads it', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const alice = await session();
    const log = { puts: [] as string[] };
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(log) });
    server.core.faults.failNext('PUT /_blob/:id', { status: 502, times: 3 });
    let tempId: string | null = null;
    act(() => {
      tempId = result.current.addFile({ blob: text('stubborn'), filename: 's.txt', mimeType: 'text/plain' });
    });
    await eventually(() => log.puts.length === 1);
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await eventually(() => log.puts.length === 2);
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await eventually(() => result.current.rows[0]?.status === 'failed');
    expect(log.puts).toHaveLength(3);
    expect(result.current.rows[0]).toMatchObject({ error: 'Upload failed (502)', errorCode: 'upload_failed' });

    act(() => void result.current.retryFile(tempId!));
    await eventually(() => result.current.rows[0]?.status === 'ready');
    expect(log.puts).toHaveLength(4);
    alice.close();
  });

  it('W15: client errors (4xx) are not retried automatically', async () => {
    const alice = await session();
    const log = { puts: [] as string[] };
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload(log) });
    server.core.faults.failNext('PUT /_blob/:id', { status: 403 });
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => result.current.rows[0]?.status === 'failed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.puts).toHaveLength(1);
    alice.close();
  });

  it('W15: retryFile reads the live rows, not the render it came from', async () => {
    const alice = await session();
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload() });
    const firstRender = result.current; // from before any row existed
    server.core.faults.failNext('PUT /_blob/:id', { status: 400 });
    let tempId: string | null = null;
    act(() => {
      tempId = firstRender.addFile({ blob: text('late'), filename: 'l.txt', mimeType: 'text/plain' });
    });
    await eventually(() => result.current.rows[0]?.status === 'failed');
    expect(firstRender.retryFile).toBe(result.current.retryFile);
    let started = false;
    act(() => {
      started = firstRender.retryFile(tempId!);
    });
    expect(started).toBe(true);
    await eventually(() => result.current.rows[0]?.status === 'ready');
    alice.close();
  });

  it('W15: a ready row can be uploaded again (under a fresh init, never over bytes a message may already link)', async () => {
    const responses: string[] = [];
    const alice = await session({ chat: { fetch: observedFetch((url) => responses.push(url)) } });
    const { result } = renderQueue(alice, { performUpload: createFetchPerformUpload() });
    let tempId: string | null = null;
    act(() => {
      tempId = result.current.addFile({ blob: text('twice'), filename: 't.txt', mimeType: 'text/plain' });
    });
    await eventually(() => result.current.rows[0]?.status === 'ready');
    const first = result.current.rows[0]!.attachmentId!;
    await alice.chat.sendMessage({ conversationId: conversationId(), content: result.current.readyBlocks });

    act(() => void result.current.retryFile(tempId!));
    expect(result.current.rows[0]!.status).toBe('uploading');
    await eventually(() => result.current.rows[0]?.status === 'ready');
    expect(initCount(responses)).toBe(2);
    const second = result.current.rows[0]!.attachmentId!;
    expect(second).not.toBe(first); // the first is linked; the retry reserved a new one
    expect(server.core.attachments.get(first)!.status).toBe('linked');
    expect(server.core.attachments.get(second)!.status).toBe('pending');
    alice.close();
  });

  it('W15: removeFile, clear and clearFiles release the bytes and abort uploads; removed rows never come back', async () => {
    const alice = await session();
    const upload = controlledUpload();
    const { result } = renderQueue(alice, { performUpload: upload.performUpload, maxConcurrentUploads: 5 });
    const ids: string[] = [];
    act(() => {
      for (const name of ['a', 'b', 'c', 'd']) ids.push(result.current.addFile({ blob: text(name), filename: `${name}.txt`, mimeType: 'text/plain' })!);
    });
    const blobs = ids.map((id) => result.current.getBlob(id));
    await eventually(() => upload.calls.length === 4);
    expect(blobs.every((blob) => blob !== null)).toBe(true);

    act(() => result.current.removeFile(ids[0]!));
    expect(result.current.getBlob(ids[0]!)).toBeNull();
    expect(upload.callFor(blobs[0]!).signal.aborted).toBe(true);
    expect(upload.callFor(blobs[1]!).signal.aborted).toBe(false);

    act(() => result.current.clearFiles([ids[1]!]));
    expect(result.current.getBlob(ids[1]!)).toBeNull();
    expect(upload.callFor(blobs[1]!).signal.aborted).toBe(true);
    expect(result.current.rows.map((r) => r.tempId)).toEqual([ids[2], ids[3]]);

    act(() => result.current.clear());
    expect(result.current.rows).toEqual([]);
    expect(ids.map((id) => result.current.getBlob(id))).toEqual([null, null, null, null]);
    expect(upload.calls.every((call) => call.signal.aborted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(result.current.rows).toEqual([]);
    expect(result.current.retryFile(ids[2]!)).toBe(false);
    alice.close();
  });

  it('W3: options are held in a ref: new option objects and callbacks on every render neither restart nor drop uploads', async () => {
    const alice = await session();
    const first = controlledUpload();
    const second = controlledUpload();
    const { result, rerender } = renderHook(
      ({ performUpload }: { performUpload: PerformUpload }) =>
        useAttachmentQueue(alice.chat, conversationId(), { performUpload, maxBytes: 1024, onSizeRejected: () => {} }),
      { wrapper: alice.wrapper, initialProps: { performUpload: first.performUpload } },
    );
    const { addFile, retryFile } = result.current;
    act(() => void result.current.addFile({ blob: text('a'), filename: 'a.txt', mimeType: 'text/plain' }));
    await eventually(() => first.calls.length === 1);
    rerender({ performUpload: second.performUpload });
    rerender({ performUpload: second.performUpload });
    expect(first.calls[0]!.signal.aborted).toBe(false);
    expect(result.current.addFile).toBe(addFile);
    expect(result.current.retryFile).toBe(retryFile);

    act(() => void result.current.addFile({ blob: text('b'), filename: 'b.txt', mimeType: 'text/plain' }));
    await eventually(() => second.calls.length === 1); // the latest uploader serves the next file
    await act(async () => {
      first.calls[0]!.resolve();
      second.calls[0]!.resolve();
    });
    await eventually(() => result.current.rows.every((row) => row.status === 'ready'));
    alice.close();
  });

  it('a new conversation id starts an empty queue and cancels the old uploads', async () => {
    const alice = await session();
    const upload = controlledUpload();
    const { result, rerender } = renderHook(
      ({ id }: { id: string }) => useAttachmentQueue(alice.chat, id, { performUpload: upload.performUpload, maxBytes: 1024 }),
      { wrapper: alice.wrapper, initialProps: { id: server.demo.welcomeConversationId } },
    );
    act(() => void result.current.addFile({ blob: text('x'), filename: 'x.txt', mimeType: 'text/plain' }));
    await eventually(() => upload.calls.length === 1);
    rerender({ id: server.demo.teamConversationId });
    expect(result.current.rows).toEqual([]);
    expect(upload.calls[0]!.signal.aborted).toBe(true);
    alice.close();
  });
});
