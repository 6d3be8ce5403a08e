import type { PerformUpload } from './attachment-upload-queue.js';
import { AttachmentUploadError } from './attachment-upload-error.js';

/** The part of `XMLHttpRequest` the uploader uses, so tests and other runtimes can supply their own. */
export interface XhrLike {
  /** HTTP status once the request ended; 0 when there was no response. */
  readonly status: number;
  /** Upload progress events (`progress` with `lengthComputable`, `loaded`, `total`). Optional in some runtimes. */
  readonly upload?: {
    addEventListener(type: 'progress', listener: (event: { lengthComputable: boolean; loaded: number; total: number }) => void): void;
  } | null;
  /** Starts the request description. */
  open(method: string, url: string, async: boolean): void;
  /** Adds a request header. */
  setRequestHeader(name: string, value: string): void;
  /** Sends the body. */
  send(body: Blob): void;
  /** Aborts the request. */
  abort(): void;
  /** Listens for `loadend` (the request ended, whatever the outcome). */
  addEventListener(type: 'loadend', listener: () => void): void;
}

/** Options of {@link createXhrPerformUpload}. */
export interface XhrPerformUploadOptions {
  /**
   * The XHR constructor.
   * @default `globalThis.XMLHttpRequest`, looked up at each upload
   */
  XMLHttpRequest?: new () => XhrLike;
}

function abortError(): DOMException {
  return new DOMException('Aborted', 'AbortError');
}

/**
 * A {@link PerformUpload} on `XMLHttpRequest` (browsers, React Native), which
 * reports upload progress where `fetch` cannot.
 *
 * - `PUT`s the blob to `putUrl` with every `putHeaders` entry except
 *   `Content-Length` (the runtime sets it; browsers refuse it).
 * - Reports progress as `loaded / total` when the length is computable and
 *   `total > 0`, and only while the operation can publish.
 * - Calls `operation.assertDispatch()` immediately before `send`: if it
 *   throws, the promise rejects with that error, nothing is sent and the XHR
 *   is not aborted.
 * - Resolves on 2xx. Rejects with {@link AttachmentUploadError}
 *   `'Network error during upload'` (code `network_error`) for status 0,
 *   `` `Upload failed (${status})` `` (code `upload_failed`) for any other
 *   status, and `DOMException('Aborted', 'AbortError')` when `signal` aborts.
 *
 * @param options - see {@link XhrPerformUploadOptions}.
 */
export function createXhrPerformUpload(options: XhrPerformUploadOptions = {}): PerformUpload {
  return (blob, putUrl, putHeaders, { onProgress, signal, operation }) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(abortError());
        return;
      }
      const Xhr = options.XMLHttpRequest ?? (globalThis.XMLHttpRequest as unknown as new () => XhrLike);
      const xhr = new Xhr();
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = () => {
        settle(() => reject(abortError()));
        try {
          xhr.abort();
        } catch {
          // Some runtimes throw when aborting a request that never started.
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });

      xhr.open('PUT', putUrl, true);
      for (const [name, value] of Object.entries(putHeaders)) {
        if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
      }
      xhr.upload?.addEventListener('progress', (event) => {
        if (settled || !event.lengthComputable || !(event.total > 0)) return;
        if (operation !== undefined && !operation.canPublish()) return;
        onProgress(event.loaded / event.total);
      });
      xhr.addEventListener('loadend', () => {
        const status = xhr.status;
        if (status >= 200 && status < 300) settle(resolve);
        else if (status === 0) settle(() => reject(new AttachmentUploadError('network_error', 'Network error during upload')));
        else settle(() => reject(new AttachmentUploadError('upload_failed', `Upload failed (${status})`, { status })));
      });

      try {
        // The last gate, after init and any adapter work: a stale admission sends nothing.
        operation?.assertDispatch();
      } catch (error) {
        settle(() => reject(error));
        return;
      }
      if (settled) return; // aborted from inside assertDispatch
      xhr.send(blob);
    });
}
