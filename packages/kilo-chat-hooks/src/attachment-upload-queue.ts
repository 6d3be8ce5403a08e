import { KiloChatError, OWNER_INACTIVE_MESSAGE, type KiloChatClient, type KiloChatOperation } from '@kilocode/kilo-chat';
import {
  attachmentQueueReducer,
  type AttachmentQueueAction,
  type AttachmentQueueState,
} from './attachment-queue-reducer.js';
import { AttachmentUploadError, isTransientAttachmentUploadError } from './attachment-upload-error.js';

/** The last argument of a {@link PerformUpload}. */
export interface PerformUploadOptions {
  /** Report the fraction of bytes sent, 0 to 1. */
  onProgress: (fraction: number) => void;
  /** Aborted when the row is removed, retried or the queue is disposed; reject with an `AbortError` then. */
  signal: AbortSignal;
  /**
   * The operation the upload runs under. Call `assertDispatch()` right
   * before the bytes leave (it throws when the admission went stale). The
   * queue always passes one; the type keeps it optional for uploaders written
   * for older producers.
   */
  operation?: KiloChatOperation;
}

/**
 * Sends a file's bytes to the presigned `putUrl` with `putHeaders`, resolving
 * once the storage accepted them. {@link createXhrPerformUpload} is the
 * browser/React Native implementation; tests can `PUT` with `fetch`.
 */
export type PerformUpload = (
  blob: Blob,
  putUrl: string,
  putHeaders: Record<string, string>,
  options: PerformUploadOptions,
) => Promise<void>;

/** A file handed to `addFile`. */
export interface AddFileInput {
  /** The bytes. Its `size` is the declared attachment size. */
  blob: Blob;
  /** The file's name (1–512 characters). */
  filename: string;
  /** The file's MIME type (1–255 characters). */
  mimeType: string;
  /** An operation captured earlier; by default one is captured when the file is added. */
  operation?: KiloChatOperation;
}

/** Options of {@link AttachmentUploadQueue} (and of `useAttachmentQueue`). */
export interface AttachmentUploadQueueOptions {
  /** Sends the bytes; see {@link PerformUpload}. */
  performUpload: PerformUpload;
  /** Largest accepted file, in bytes. Larger files are refused by `addFile` (which returns null). */
  maxBytes: number;
  /**
   * Makes the local id of a new row, also used as the init `idempotencyKey`
   * (at most 128 characters).
   * @default `tmp-<random base36>-<epoch ms>`
   */
  generateTempId?: () => string;
  /** Called when `addFile` refuses a file larger than `maxBytes`. */
  onSizeRejected?: (input: AddFileInput) => void;
  /**
   * Captures the operation a new file uploads under when `addFile` gets none
   * (apps with their own lease). By default `client.captureOperation()`.
   */
  captureOperation?: () => KiloChatOperation;
  /**
   * How many files upload at once; the others wait in `uploading` with
   * progress 0, in the order they were added.
   * @default 3
   */
  maxConcurrentUploads?: number;
  /**
   * Delays of the automatic retries of a transient failure, in milliseconds:
   * one retry per entry. `[]` turns automatic retries off.
   * @default [1000, 2000] (two retries, after 1 s and then 2 s)
   */
  retryDelaysMs?: readonly number[];
  /**
   * Decides whether a failure is transient (worth an automatic retry).
   * @default {@link isTransientAttachmentUploadError} (no response, deadline, HTTP 408/429/5xx)
   */
  isRetryable?: (error: unknown) => boolean;
}

/** Defaults of {@link AttachmentUploadQueueOptions}. */
export const ATTACHMENT_UPLOAD_QUEUE_DEFAULTS = Object.freeze({
  /** Files uploading at once. */
  maxConcurrentUploads: 3,
  /** Automatic retry delays, in milliseconds. */
  retryDelaysMs: Object.freeze([1000, 2000]) as readonly number[],
  /** A PUT URL that expires within this many milliseconds is replaced by a new init first: 60 000. */
  putUrlRenewBeforeMs: 60_000,
});

interface InitResult {
  attachmentId: string;
  putUrl: string;
  putHeaders: Record<string, string>;
  putUrlExpiresAtMs: number;
}

/** Everything the queue keeps about a row besides its public state. */
interface Entry {
  readonly tempId: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly size: number;
  blob: Blob;
  operation: KiloChatOperation;
  controller: AbortController;
  /** Incremented by every (re)start; a job whose token is no longer current publishes nothing. */
  job: number;
  init: InitResult | undefined;
}

interface SlotWaiter {
  grant(): void;
}

function defaultTempId(): string {
  return `tmp-${Math.random().toString(36).slice(2)}-${Date.now()}`;
}

function refusedOperation(refusal: unknown, client: KiloChatClient): KiloChatOperation {
  return Object.freeze({
    assertDispatch: () => {
      throw refusal;
    },
    canPublish: () => client.canPublish(),
  });
}

function ownerInactive(): KiloChatError {
  return new KiloChatError('not_owner', OWNER_INACTIVE_MESSAGE);
}

function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function errorMessage(error: unknown): string {
  return error instanceof Error && error.message !== '' ? error.message : 'Upload failed';
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. Timers are looked up at call time (fake timers work). */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      globalThis.clearTimeout(timer);
      resolve(false);
    };
    const timer = globalThis.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Thrown inside a job when the job is no longer the row's current one; never surfaces. */
const SUPERSEDED = Symbol('superseded');

/**
 * The attachment upload queue without React: it owns the rows
 * ({@link AttachmentQueueState}, changed only through
 * {@link attachmentQueueReducer}), the bytes and the uploads.
 * `useAttachmentQueue` is a thin hook over it; other frameworks can use it
 * directly through {@link subscribe} and {@link getSnapshot}.
 *
 * Each file goes through: wait for a slot (at most `maxConcurrentUploads`
 * at once) → init (`client.initAttachment` with `idempotencyKey = tempId`,
 * again whenever the PUT URL is missing or expires within 60 s) → PUT with
 * progress → `ready`. Transient failures are retried automatically (default
 * after 1 s, then 2 s); `retryFile` retries by hand, also after a failure or
 * a success.
 *
 * Every row ends in `ready` or `failed` unless it is removed: if the
 * client's owner changes mid-upload the row fails with `KiloChatError` code
 * `not_owner` (nothing is published for the new owner: no attachment id, no
 * progress); if the queue is disposed mid-upload it fails with
 * {@link AttachmentUploadError} code `cancelled`. An admission refusal fails
 * it with the admission's own error, keeping the attachment id and the bytes
 * for a retry.
 *
 * Bytes are kept (for previews with {@link getBlob} and for retries) until
 * the row is removed ({@link removeFile}, {@link clear}, {@link clearFiles})
 * or the queue is disposed.
 */
export class AttachmentUploadQueue {
  private state: AttachmentQueueState = { rows: [] };
  private readonly listeners = new Set<() => void>();
  private readonly entries = new Map<string, Entry>();
  private readonly waiting: SlotWaiter[] = [];
  private active = 0;
  private disposed = false;
  private readonly readOptions: () => AttachmentUploadQueueOptions;

  /**
   * @param client - the signed-in user's client; uploads are initialised through it.
   * @param conversationId - the conversation the files will be sent to.
   * @param options - the options, or a function returning the current ones
   *   (read at each use, so a hook can pass its latest render's options).
   */
  constructor(
    private readonly client: KiloChatClient,
    private readonly conversationId: string,
    options: AttachmentUploadQueueOptions | (() => AttachmentUploadQueueOptions),
  ) {
    this.readOptions = typeof options === 'function' ? options : () => options;
  }

  // ---------------------------------------------------------------------------
  // Store

  /** The current state; a new object after every change, the same object otherwise. */
  getSnapshot = (): AttachmentQueueState => this.state;

  /**
   * Calls `listener` after every change of the state.
   * @returns a function that removes the listener.
   */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** True once {@link dispose} ran. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  // ---------------------------------------------------------------------------
  // Commands

  /**
   * Adds a file and starts (or queues) its upload.
   *
   * @returns the new row's temp id, or null when nothing was added: the queue
   *   is disposed, the client (or the supplied operation) can no longer
   *   publish, or the file is larger than `maxBytes` (then `onSizeRejected`
   *   is called).
   * @throws KiloChatError `invalid_argument` when `generateTempId` returns an id already in the queue.
   */
  addFile = (input: AddFileInput): string | null => {
    if (this.disposed) return null;
    if (!this.client.canPublish() || (input.operation !== undefined && !input.operation.canPublish())) return null;
    const options = this.readOptions();
    if (input.blob.size > options.maxBytes) {
      options.onSizeRejected?.(input);
      return null;
    }
    const operation = this.capture(input.operation, options);
    const tempId = (options.generateTempId ?? defaultTempId)();
    if (this.entries.has(tempId) || this.state.rows.some((row) => row.tempId === tempId)) {
      throw new KiloChatError('invalid_argument', `generateTempId returned a temp id already in the queue: ${tempId}`);
    }
    const entry: Entry = {
      tempId,
      filename: input.filename,
      mimeType: input.mimeType,
      size: input.blob.size,
      blob: input.blob,
      operation,
      controller: new AbortController(),
      job: 0,
      init: undefined,
    };
    this.entries.set(tempId, entry);
    this.dispatch({
      type: 'add',
      row: { tempId, filename: input.filename, mimeType: input.mimeType, size: entry.size, status: 'uploading', progress: 0 },
    });
    void this.run(entry, entry.job);
    return tempId;
  };

  /**
   * Uploads a row again under a newly captured operation (or `operation`):
   * a failed row, a row still uploading (its current attempt is aborted) or a
   * ready one (uploaded again under a fresh init). Reads the live rows, never
   * a render's copy.
   *
   * @returns true when a retry started; false when the row or its bytes are
   *   gone, the queue is disposed, or the client (or `operation`) can no
   *   longer publish.
   */
  retryFile = (tempId: string, operation?: KiloChatOperation): boolean => {
    const entry = this.entries.get(tempId);
    const row = this.state.rows.find((candidate) => candidate.tempId === tempId);
    if (this.disposed || entry === undefined || row === undefined) return false;
    if (!this.client.canPublish() || (operation !== undefined && !operation.canPublish())) return false;
    entry.operation = this.capture(operation, this.readOptions());
    entry.controller.abort();
    entry.controller = new AbortController();
    entry.job += 1;
    // A ready row's attachment may already be linked to a sent message: never overwrite its bytes.
    if (row.status === 'ready') entry.init = undefined;
    this.dispatch({ type: 'retry', tempId });
    void this.run(entry, entry.job);
    return true;
  };

  /** Removes a row: aborts its upload and releases its bytes. */
  removeFile = (tempId: string): void => {
    this.release(tempId);
    this.dispatch({ type: 'remove', tempId });
  };

  /** Removes every row, aborting their uploads and releasing their bytes. */
  clear = (): void => {
    for (const tempId of [...this.entries.keys()]) this.release(tempId);
    this.dispatch({ type: 'clear' });
  };

  /** Removes the listed rows (for example those a sent message carried), aborting and releasing them. */
  clearFiles = (tempIds: readonly string[]): void => {
    for (const tempId of tempIds) this.release(tempId);
    this.dispatch({ type: 'clearFiles', tempIds: [...tempIds] });
  };

  /** The bytes of a row still in the queue (for previews), or null. */
  getBlob = (tempId: string): Blob | null => this.entries.get(tempId)?.blob ?? null;

  /**
   * Ends the queue: aborts every upload, fails every row still uploading
   * with {@link AttachmentUploadError} code `cancelled`, releases every blob
   * and refuses later `addFile`/`retryFile`. Idempotent.
   */
  dispose = (): void => {
    if (this.disposed) return;
    this.disposed = true;
    for (const entry of this.entries.values()) entry.controller.abort();
    this.entries.clear();
    this.waiting.length = 0;
    const cancelled = new AttachmentUploadError('cancelled', 'Upload cancelled');
    for (const row of this.state.rows) {
      if (row.status === 'uploading') this.fail(row.tempId, cancelled);
    }
  };

  // ---------------------------------------------------------------------------
  // Uploads

  private dispatch(action: AttachmentQueueAction): void {
    const next = attachmentQueueReducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  private fail(tempId: string, error: unknown): void {
    const code = errorCode(error);
    this.dispatch(
      code === undefined
        ? { type: 'setFailed', tempId, error: errorMessage(error) }
        : { type: 'setFailed', tempId, error: errorMessage(error), errorCode: code },
    );
  }

  private release(tempId: string): void {
    const entry = this.entries.get(tempId);
    if (entry === undefined) return;
    entry.controller.abort();
    this.entries.delete(tempId);
  }

  private capture(supplied: KiloChatOperation | undefined, options: AttachmentUploadQueueOptions): KiloChatOperation {
    try {
      return this.client.captureOperation(supplied ?? options.captureOperation?.());
    } catch (refusal) {
      // The row still appears and fails with the refusal, like a refused mutation.
      return refusedOperation(refusal, this.client);
    }
  }

  private isCurrent(entry: Entry, job: number): boolean {
    return !this.disposed && entry.job === job && this.entries.get(entry.tempId) === entry;
  }

  private maxConcurrent(): number {
    const value = this.readOptions().maxConcurrentUploads ?? ATTACHMENT_UPLOAD_QUEUE_DEFAULTS.maxConcurrentUploads;
    return Number.isFinite(value) && value >= 1 ? Math.floor(value) : 1;
  }

  private acquireSlot(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.active < this.maxConcurrent()) {
      this.active += 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter: SlotWaiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.active += 1;
          resolve(true);
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaseSlot(): void {
    this.active -= 1;
    while (this.active < this.maxConcurrent() && this.waiting.length > 0) this.waiting.shift()?.grant();
  }

  /** One job: a slot, then attempts until ready, a final failure, or the job is superseded. */
  private async run(entry: Entry, job: number): Promise<void> {
    const { signal } = entry.controller;
    if (!(await this.acquireSlot(signal))) return; // removed, retried or disposed while waiting
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await this.attempt(entry, job);
          if (!this.isCurrent(entry, job)) return;
          // The bytes were accepted under an admitted operation; only ownership still matters (a later lock does not).
          if (!entry.operation.canPublish()) this.fail(entry.tempId, ownerInactive());
          else this.dispatch({ type: 'setReady', tempId: entry.tempId });
          return;
        } catch (error) {
          if (error === SUPERSEDED || !this.isCurrent(entry, job)) return;
          if (!entry.operation.canPublish()) {
            this.fail(entry.tempId, ownerInactive());
            return;
          }
          if (isAbortError(error) || signal.aborted) {
            this.fail(entry.tempId, new AttachmentUploadError('cancelled', 'Upload cancelled', { cause: error }));
            return;
          }
          const options = this.readOptions();
          const delay = (options.retryDelaysMs ?? ATTACHMENT_UPLOAD_QUEUE_DEFAULTS.retryDelaysMs)[attempt];
          const retryable = (options.isRetryable ?? isTransientAttachmentUploadError)(error);
          if (delay === undefined || !retryable) {
            this.fail(entry.tempId, error);
            return;
          }
          this.dispatch({ type: 'setProgress', tempId: entry.tempId, progress: 0 });
          if (!(await sleep(delay, signal)) || !this.isCurrent(entry, job)) return;
        }
      }
    } finally {
      this.releaseSlot();
    }
  }

  /** Admission and ownership at a checkpoint: an owner change reads as `not_owner`, a refusal as its own error. */
  private checkpoint(entry: Entry, job: number): void {
    if (!this.isCurrent(entry, job)) throw SUPERSEDED;
    if (!entry.operation.canPublish()) throw ownerInactive();
    entry.operation.assertDispatch();
  }

  private needsInit(entry: Entry): boolean {
    if (entry.init === undefined) return true;
    return entry.init.putUrlExpiresAtMs - Date.now() <= ATTACHMENT_UPLOAD_QUEUE_DEFAULTS.putUrlRenewBeforeMs;
  }

  private async attempt(entry: Entry, job: number): Promise<void> {
    const { operation } = entry;
    const { signal } = entry.controller;
    this.checkpoint(entry, job);
    if (this.needsInit(entry)) {
      const response = await this.client.initAttachment(
        {
          conversationId: this.conversationId,
          mimeType: entry.mimeType,
          size: entry.size,
          filename: entry.filename,
          idempotencyKey: entry.tempId,
        },
        { operation, signal },
      );
      if (!this.isCurrent(entry, job)) throw SUPERSEDED;
      // Nothing of an upload that outlived its owner is published (no attachment id).
      if (!operation.canPublish()) throw ownerInactive();
      entry.init = {
        attachmentId: response.attachmentId,
        putUrl: response.putUrl,
        putHeaders: response.putHeaders,
        putUrlExpiresAtMs: response.putUrlExpiresAt * 1000,
      };
      this.dispatch({ type: 'setInited', tempId: entry.tempId, attachmentId: response.attachmentId });
    }
    this.checkpoint(entry, job);
    const init = entry.init as InitResult;
    await this.readOptions().performUpload(entry.blob, init.putUrl, init.putHeaders, {
      operation,
      signal,
      onProgress: (fraction) => {
        if (!this.isCurrent(entry, job)) return;
        if (!operation.canPublish()) {
          // The owner changed mid-PUT: stop sending; the job fails the row with not_owner.
          entry.controller.abort();
          return;
        }
        this.dispatch({ type: 'setProgress', tempId: entry.tempId, progress: fraction });
      },
    });
  }
}
