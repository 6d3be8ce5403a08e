/**
 * createXhrPerformUpload: unit tests drive an injected fake XHR (what the
 * uploader does with it is the contract); one integration test PUTs through
 * happy-dom's own XMLHttpRequest to the mock server's blob store (msw face).
 */
import type { KiloChatOperation } from '@kilocode/kilo-chat';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { AttachmentUploadError, createXhrPerformUpload, type XhrLike } from '../src/index';
import { startMswServer } from './support/harness';

type ProgressListener = (event: { lengthComputable: boolean; loaded: number; total: number }) => void;

/** Records what the uploader does; the test ends the request with `finish(status)`. */
class FakeXhr implements XhrLike {
  static instances: FakeXhr[] = [];
  status = 0;
  opened: { method: string; url: string; async: boolean } | null = null;
  headers: Array<[string, string]> = [];
  sent: Blob | null = null;
  sendCalls = 0;
  abortCalls = 0;
  private progressListeners: ProgressListener[] = [];
  private loadendListeners: Array<() => void> = [];
  readonly upload = { addEventListener: (_type: 'progress', listener: ProgressListener) => this.progressListeners.push(listener) };

  constructor() {
    FakeXhr.instances.push(this);
  }
  open(method: string, url: string, async: boolean) {
    this.opened = { method, url, async };
  }
  setRequestHeader(name: string, value: string) {
    this.headers.push([name, value]);
  }
  send(body: Blob) {
    this.sendCalls += 1;
    this.sent = body;
  }
  abort() {
    this.abortCalls += 1;
    this.status = 0;
    for (const listener of this.loadendListeners) listener();
  }
  addEventListener(_type: 'loadend', listener: () => void) {
    this.loadendListeners.push(listener);
  }
  progress(loaded: number, total: number, lengthComputable = true) {
    for (const listener of this.progressListeners) listener({ lengthComputable, loaded, total });
  }
  finish(status: number) {
    this.status = status;
    for (const listener of this.loadendListeners) listener();
  }
}

function latest(): FakeXhr {
  const xhr = FakeXhr.instances.at(-1);
  if (!xhr) throw new Error('no XHR was created');
  return xhr;
}

function operation(overrides: Partial<{ assertDispatch: () => void; canPublish: () => boolean }> = {}): KiloChatOperation {
  return { assertDispatch: () => {}, canPublish: () => true, ...overrides };
}

const upload = createXhrPerformUpload({ XMLHttpRequest: FakeXhr });
const blob = new Blob(['0123456789']);
const headers = { 'Content-Type': 'image/png', 'Content-Length': '10', 'x-amz-meta-a': 'b' };

describe('createXhrPerformUpload (fake XHR)', () => {
  it('H94: PUTs the blob with every header except content-length and resolves on 200', async () => {
    const onProgress = vi.fn();
    const done = upload(blob, 'https://store.example/put?sig=1', headers, { onProgress, signal: new AbortController().signal, operation: operation() });
    const xhr = latest();
    expect(xhr.opened).toEqual({ method: 'PUT', url: 'https://store.example/put?sig=1', async: true });
    expect(xhr.headers).toEqual([
      ['Content-Type', 'image/png'],
      ['x-amz-meta-a', 'b'],
    ]);
    expect(xhr.sent).toBe(blob);
    xhr.finish(200);
    await expect(done).resolves.toBeUndefined();
  });

  it('H94: resolves on 204 as well', async () => {
    const done = upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: new AbortController().signal });
    latest().finish(204);
    await expect(done).resolves.toBeUndefined();
  });

  it('H94: maps status 0 to "Network error during upload" and any other status to "Upload failed (N)", with codes', async () => {
    const network = upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: new AbortController().signal });
    latest().finish(0);
    await expect(network).rejects.toThrow(/^Network error during upload$/);
    await expect(network).rejects.toBeInstanceOf(Error);
    await expect(network).rejects.toMatchObject({ code: 'network_error' });
    await expect(network).rejects.toBeInstanceOf(AttachmentUploadError);

    const denied = upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: new AbortController().signal });
    latest().finish(403);
    await expect(denied).rejects.toThrow(/^Upload failed \(403\)$/);
    await expect(denied).rejects.toMatchObject({ code: 'upload_failed', status: 403 });

    const redirect = upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: new AbortController().signal });
    latest().finish(304);
    await expect(redirect).rejects.toThrow('Upload failed (304)');
  });

  it('H94: an abort rejects with a DOMException named AbortError and aborts the XHR', async () => {
    const controller = new AbortController();
    const done = upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: controller.signal });
    const xhr = latest();
    controller.abort();
    await expect(done).rejects.toSatisfy((error: unknown) => error instanceof DOMException && error.name === 'AbortError' && error.message === 'Aborted');
    expect(xhr.abortCalls).toBe(1);
  });

  it('H94: an already-aborted signal rejects at once without creating a request', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = FakeXhr.instances.length;
    await expect(upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(FakeXhr.instances.length).toBe(before);
  });

  it('H94: a stale admission is rejected just before sending, without sending or aborting, and the abort listener is removed', async () => {
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const lease = new Error('Kilo Chat lease is stale');
    const done = upload(blob, 'https://store.example/put', headers, {
      onProgress: () => {},
      signal: controller.signal,
      operation: operation({
        assertDispatch: () => {
          throw lease;
        },
      }),
    });
    await expect(done).rejects.toBe(lease);
    const xhr = latest();
    expect(xhr.sendCalls).toBe(0);
    expect(xhr.abortCalls).toBe(0);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    controller.abort(); // nothing listens any more
    expect(xhr.abortCalls).toBe(0);
  });

  it('H94: assertDispatch runs after the request is prepared, immediately before send', async () => {
    const order: string[] = [];
    const done = upload(blob, 'https://store.example/put', headers, {
      onProgress: () => {},
      signal: new AbortController().signal,
      operation: operation({ assertDispatch: () => order.push(`assert (headers: ${latest().headers.length}, sent: ${latest().sendCalls})`) }),
    });
    expect(order).toEqual(['assert (headers: 2, sent: 0)']);
    expect(latest().sendCalls).toBe(1);
    latest().finish(200);
    await done;
  });

  it('H94: progress is loaded/total only when computable with total > 0, and only while the operation can publish', async () => {
    const onProgress = vi.fn();
    let publishing = true;
    const done = upload(blob, 'https://store.example/put', {}, {
      onProgress,
      signal: new AbortController().signal,
      operation: operation({ canPublish: () => publishing }),
    });
    const xhr = latest();
    xhr.progress(5, 10);
    xhr.progress(5, 10, false);
    xhr.progress(0, 0);
    publishing = false;
    xhr.progress(8, 10);
    publishing = true;
    xhr.progress(10, 10);
    expect(onProgress.mock.calls).toEqual([[0.5], [1]]);
    xhr.finish(200);
    await done;
    xhr.progress(10, 10); // late events after settling are ignored
    expect(onProgress).toHaveBeenCalledTimes(2);
  });

  it('H94: without an operation (older producers) it sends and reports progress', async () => {
    const onProgress = vi.fn();
    const done = upload(blob, 'https://store.example/put', {}, { onProgress, signal: new AbortController().signal });
    latest().progress(3, 4);
    expect(onProgress).toHaveBeenCalledWith(0.75);
    latest().finish(201);
    await expect(done).resolves.toBeUndefined();
  });

  it('an abort after the request settled changes nothing', async () => {
    const controller = new AbortController();
    const done = upload(blob, 'https://store.example/put', {}, { onProgress: () => {}, signal: controller.signal });
    const xhr = latest();
    xhr.finish(200);
    await done;
    controller.abort();
    expect(xhr.abortCalls).toBe(0);
  });
});

describe("createXhrPerformUpload (happy-dom's XMLHttpRequest, mock server blob store over msw)", () => {
  const server = startMswServer();
  afterAll(() => server.stop());

  it('H94: uploads the bytes to a presigned URL from attachment init, and maps a storage 403 to "Upload failed (403)"', async () => {
    const token = await server.mintUserToken('alice');
    const initResponse = await fetch(`${server.chatUrl}/v1/attachments/init`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: server.demo.welcomeConversationId, mimeType: 'text/plain', size: 5, filename: 'x.txt' }),
    });
    const init = (await initResponse.json()) as { attachmentId: string; putUrl: string; putHeaders: Record<string, string> };

    const xhrUpload = createXhrPerformUpload();
    await xhrUpload(new Blob(['hello'], { type: 'text/plain' }), init.putUrl, init.putHeaders, {
      onProgress: () => {},
      signal: new AbortController().signal,
    });
    const stored = server.core.blobs.get(init.attachmentId);
    expect(new TextDecoder().decode(stored!.bytes)).toBe('hello');
    expect(stored!.contentType).toBe('text/plain');

    const tampered = init.putUrl.replace(/sig=[0-9a-f]+/, 'sig=00');
    await expect(
      xhrUpload(new Blob(['hello']), tampered, init.putHeaders, { onProgress: () => {}, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ message: 'Upload failed (403)', status: 403 });
  });
});
