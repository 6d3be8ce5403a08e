/**
 * AttachmentUploadQueue without React or a server: a stand-in client and
 * uploader the test controls, and fully fake timers, so retry delays and
 * terminal states are checked to the millisecond.
 */
import { KiloChatApiError, type AttachmentInitRequest, type KiloChatClient, type KiloChatOperation } from '@kilocode/kilo-chat';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttachmentUploadError, AttachmentUploadQueue, isTransientAttachmentUploadError, type PerformUpload } from '../src/index';

const CONVERSATION = '01HV0000000000000000CONV01';

function stubClient() {
  const state = { publishing: true, inits: [] as AttachmentInitRequest[], initFailures: [] as unknown[] };
  let next = 0;
  const client = {
    canPublish: () => state.publishing,
    captureOperation: (supplied?: KiloChatOperation): KiloChatOperation =>
      supplied ?? { assertDispatch: () => {}, canPublish: () => state.publishing },
    initAttachment: async (req: AttachmentInitRequest) => {
      state.inits.push(req);
      const failure = state.initFailures.shift();
      if (failure !== undefined) throw failure;
      next += 1;
      return {
        attachmentId: `01HV00000000000000000ATT0${next}`,
        putUrl: `https://store.example/${next}`,
        putHeaders: { 'Content-Type': req.mimeType },
        putUrlExpiresAt: Math.floor(Date.now() / 1000) + 900,
      };
    },
  };
  return { client: client as unknown as KiloChatClient, state };
}

function scriptedUpload(outcomes: Array<'ok' | unknown>) {
  const puts: number[] = [];
  const performUpload: PerformUpload = async (_blob, _url, _headers, { onProgress }) => {
    puts.push(Date.now());
    const outcome = outcomes.shift() ?? 'ok';
    if (outcome !== 'ok') throw outcome;
    onProgress(1);
  };
  return { puts, performUpload };
}

const file = () => ({ blob: new Blob(['bytes']), filename: 'f.bin', mimeType: 'application/octet-stream' });
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_800_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe('AttachmentUploadQueue (pure core)', () => {
  it('W15: retries a transient PUT failure after exactly 1 s and then 2 s, then fails with the last error', async () => {
    const { client } = stubClient();
    const unavailable = new AttachmentUploadError('upload_failed', 'Upload failed (503)', { status: 503 });
    const upload = scriptedUpload([unavailable, unavailable, unavailable]);
    const queue = new AttachmentUploadQueue(client, CONVERSATION, { performUpload: upload.performUpload, maxBytes: 100 });
    const start = Date.now();
    const tempId = queue.addFile(file())!;
    await flush();
    expect(upload.puts).toEqual([start]);

    await vi.advanceTimersByTimeAsync(999);
    expect(upload.puts).toHaveLength(1);
    expect(queue.getSnapshot().rows[0]!.status).toBe('uploading');
    await vi.advanceTimersByTimeAsync(1);
    expect(upload.puts).toEqual([start, start + 1000]);

    await vi.advanceTimersByTimeAsync(1999);
    expect(upload.puts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(upload.puts).toEqual([start, start + 1000, start + 3000]);

    expect(queue.getSnapshot().rows[0]).toMatchObject({ tempId, status: 'failed', error: 'Upload failed (503)', errorCode: 'upload_failed' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(upload.puts).toHaveLength(3);
  });

  it('W15: retry delays are configurable, and [] turns automatic retries off', async () => {
    const { client, state } = stubClient();
    state.initFailures.push(new KiloChatApiError(503, { error: 'busy' }));
    const upload = scriptedUpload([]);
    const queue = new AttachmentUploadQueue(client, CONVERSATION, { performUpload: upload.performUpload, maxBytes: 100, retryDelaysMs: [] });
    queue.addFile(file());
    await flush();
    expect(queue.getSnapshot().rows[0]).toMatchObject({ status: 'failed', error: 'Kilo Chat API error: 503', errorCode: 'unavailable' });

    state.initFailures.push(new KiloChatApiError(500, null));
    const quick = new AttachmentUploadQueue(client, CONVERSATION, { performUpload: upload.performUpload, maxBytes: 100, retryDelaysMs: [50] });
    quick.addFile(file());
    await vi.advanceTimersByTimeAsync(50);
    expect(quick.getSnapshot().rows[0]!.status).toBe('ready');
  });

  it('W15: the retry rule can be replaced', async () => {
    const { client } = stubClient();
    const odd = new Error('proxy hiccup');
    const upload = scriptedUpload([odd]);
    const queue = new AttachmentUploadQueue(client, CONVERSATION, {
      performUpload: upload.performUpload,
      maxBytes: 100,
      isRetryable: (error) => error === odd,
    });
    queue.addFile(file());
    await vi.advanceTimersByTimeAsync(1000);
    expect(queue.getSnapshot().rows[0]!.status).toBe('ready');
  });

  it('W15: the PUT URL is reused on an automatic retry, and re-initialised when it expires within 60 s', async () => {
    const { client, state } = stubClient();
    const failure = new AttachmentUploadError('network_error', 'Network error during upload');
    const upload = scriptedUpload([failure, failure]);
    const queue = new AttachmentUploadQueue(client, CONVERSATION, { performUpload: upload.performUpload, maxBytes: 100, retryDelaysMs: [1000, 841_000] });
    const tempId = queue.addFile(file())!;
    await vi.advanceTimersByTimeAsync(1000);
    expect(state.inits).toHaveLength(1); // fresh URL reused
    // 842 s after init the 900 s URL has 58 s left: the next attempt initialises again, with the same key.
    await vi.advanceTimersByTimeAsync(841_000);
    expect(state.inits).toHaveLength(2);
    expect(state.inits.map((init) => init.idempotencyKey)).toEqual([tempId, tempId]);
    expect(queue.getSnapshot().rows[0]).toMatchObject({ status: 'ready', attachmentId: '01HV00000000000000000ATT02' });
  });

  it('W15: dispose fails every row still uploading with code cancelled, aborts them, releases every blob and refuses new work', async () => {
    const { client } = stubClient();
    const signals: AbortSignal[] = [];
    const performUpload: PerformUpload = (_b, _u, _h, { signal }) =>
      new Promise((_resolve, reject) => {
        signals.push(signal);
        signal.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      });
    const queue = new AttachmentUploadQueue(client, CONVERSATION, { performUpload, maxBytes: 100, maxConcurrentUploads: 1 });
    const changes = vi.fn();
    queue.subscribe(changes);
    const running = queue.addFile(file())!;
    const waiting = queue.addFile(file())!;
    await flush();
    expect(signals).toHaveLength(1);

    queue.dispose();
    expect(signals[0]!.aborted).toBe(true);
    expect(queue.getSnapshot().rows.map((row) => [row.tempId, row.status, row.errorCode, row.error])).toEqual([
      [running, 'failed', 'cancelled', 'Upload cancelled'],
      [waiting, 'failed', 'cancelled', 'Upload cancelled'],
    ]);
    expect(queue.getBlob(running)).toBeNull();
    expect(queue.getBlob(waiting)).toBeNull();
    expect(queue.addFile(file())).toBeNull();
    expect(queue.retryFile(running)).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(signals).toHaveLength(1); // the waiting file never started
    expect(queue.isDisposed).toBe(true);
    expect(changes).toHaveBeenCalled();
  });

  it('W15: dispose during a retry wait ends the row cancelled, with no further attempt', async () => {
    const { client } = stubClient();
    const upload = scriptedUpload([new AttachmentUploadError('network_error', 'Network error during upload')]);
    const queue = new AttachmentUploadQueue(client, CONVERSATION, { performUpload: upload.performUpload, maxBytes: 100 });
    queue.addFile(file());
    await flush();
    queue.dispose();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(upload.puts).toHaveLength(1);
    expect(queue.getSnapshot().rows[0]).toMatchObject({ status: 'failed', errorCode: 'cancelled' });
  });

  it('a ready row keeps its state when the queue is disposed', async () => {
    const { client } = stubClient();
    const queue = new AttachmentUploadQueue(client, CONVERSATION, { performUpload: scriptedUpload([]).performUpload, maxBytes: 100 });
    queue.addFile(file());
    await flush();
    const before = queue.getSnapshot();
    queue.dispose();
    expect(queue.getSnapshot()).toBe(before);
    expect(before.rows[0]!.status).toBe('ready');
  });

  it('options given as a function are read at each use', async () => {
    const { client } = stubClient();
    let maxBytes = 1;
    const queue = new AttachmentUploadQueue(client, CONVERSATION, () => ({ performUpload: scriptedUpload([]).performUpload, maxBytes }));
    expect(queue.addFile(file())).toBeNull();
    maxBytes = 100;
    expect(queue.addFile(file())).not.toBeNull();
  });

  it('refuses a generated temp id that is already in the queue', () => {
    const { client } = stubClient();
    const queue = new AttachmentUploadQueue(client, CONVERSATION, {
      performUpload: scriptedUpload([]).performUpload,
      maxBytes: 100,
      generateTempId: () => 'same',
    });
    queue.addFile(file());
    expect(() => queue.addFile(file())).toThrow(/already in the queue/);
    expect(queue.getSnapshot().rows).toHaveLength(1);
  });
});

describe('isTransientAttachmentUploadError', () => {
  it('is true for no response, deadlines and HTTP 408/429/5xx, false for client errors, refusals and aborts', () => {
    expect(isTransientAttachmentUploadError(new AttachmentUploadError('network_error', 'Network error during upload'))).toBe(true);
    expect(isTransientAttachmentUploadError(new AttachmentUploadError('upload_failed', 'Upload failed (500)', { status: 500 }))).toBe(true);
    expect(isTransientAttachmentUploadError(new AttachmentUploadError('upload_failed', 'Upload failed (429)', { status: 429 }))).toBe(true);
    expect(isTransientAttachmentUploadError(new AttachmentUploadError('upload_failed', 'Upload failed (403)', { status: 403 }))).toBe(false);
    expect(isTransientAttachmentUploadError(new AttachmentUploadError('cancelled', 'Upload cancelled'))).toBe(false);
    expect(isTransientAttachmentUploadError(new KiloChatApiError(502, null))).toBe(true);
    expect(isTransientAttachmentUploadError(new KiloChatApiError(408, null))).toBe(true);
    expect(isTransientAttachmentUploadError(new KiloChatApiError(409, { error: 'Attachment is already linked' }))).toBe(false);
    expect(isTransientAttachmentUploadError(new TypeError('fetch failed'))).toBe(true);
    expect(isTransientAttachmentUploadError(Object.assign(new Error('Request timed out after 15000ms'), { code: 'request_deadline' }))).toBe(true);
    expect(isTransientAttachmentUploadError(new DOMException('Aborted', 'AbortError'))).toBe(false);
    expect(isTransientAttachmentUploadError(new Error('Kilo Chat lease is stale'))).toBe(false);
  });
});
