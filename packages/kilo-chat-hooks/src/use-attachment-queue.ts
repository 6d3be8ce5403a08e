import type { AttachmentBlock, KiloChatClient, KiloChatOperation } from '@kilocode/kilo-chat';
import { useEffect, useMemo, useReducer, useRef, useSyncExternalStore } from 'react';
import { selectHasFailed, selectIsUploading, selectReadyBlocks, type QueuedAttachment } from './attachment-queue-reducer.js';
import { AttachmentUploadQueue, type AddFileInput, type AttachmentUploadQueueOptions, type PerformUpload } from './attachment-upload-queue.js';

export type { AddFileInput, PerformUpload };

/**
 * Options of {@link useAttachmentQueue}: the reference's `performUpload`,
 * `maxBytes`, `generateTempId`, `onSizeRejected` and `captureOperation`,
 * plus `maxConcurrentUploads` (default 3), `retryDelaysMs` (default
 * `[1000, 2000]`) and `isRetryable`. Read at each use, so they may change
 * between renders without restarting anything.
 */
export type UseAttachmentQueueOptions = AttachmentUploadQueueOptions;

/** What {@link useAttachmentQueue} returns. Every function keeps its identity for the life of the queue. */
export interface UseAttachmentQueueResult {
  /** Every file, in the order added. */
  rows: QueuedAttachment[];
  /** Adds a file and starts its upload; returns its temp id, or null when refused (see `AttachmentUploadQueue.addFile`). */
  addFile: (input: AddFileInput) => string | null;
  /** Removes a file, aborting its upload and releasing its bytes. */
  removeFile: (tempId: string) => void;
  /** Uploads a file again (after a failure, while uploading, or after success) under a new operation; true when started. */
  retryFile: (tempId: string, operation?: KiloChatOperation) => boolean;
  /** Removes every file. */
  clear: () => void;
  /** Removes the listed files, e.g. the ones a sent message carried. */
  clearFiles: (tempIds: string[]) => void;
  /** The bytes of a file still in the queue (for previews), or null. */
  getBlob: (tempId: string) => Blob | null;
  /** The content blocks of the ready files, in row order; send them with the message. */
  readyBlocks: AttachmentBlock[];
  /** True while any file is uploading (keep Send disabled). */
  isUploading: boolean;
  /** True while any file failed (ask the user to retry or remove it). */
  hasFailed: boolean;
}

interface QueueSlot {
  readonly client: KiloChatClient;
  readonly conversationId: string;
  readonly queue: AttachmentUploadQueue;
}

/**
 * The composer's attachment queue: upload files as soon as they are picked,
 * show progress, and send the ready ones as `readyBlocks`. A thin hook over
 * {@link AttachmentUploadQueue} (see it for the upload rules: concurrency cap,
 * automatic retry, re-init of expiring PUT URLs, terminal states).
 *
 * One queue per `client` and `conversationId`: when either changes, or the
 * component unmounts, the old queue is disposed (uploads aborted, rows still
 * uploading fail with code `cancelled`, bytes released).
 *
 * @param client - the signed-in user's client.
 * @param conversationId - the conversation the files will be sent to.
 * @param options - see {@link UseAttachmentQueueOptions}.
 *
 * @example
 * ```tsx
 * const queue = useAttachmentQueue(client, conversationId, { performUpload: createXhrPerformUpload(), maxBytes: 100 * 1024 * 1024 });
 * // <input type="file" onChange={(e) => { const f = e.target.files![0]!; queue.addFile({ blob: f, filename: f.name, mimeType: f.type }); }} />
 * const send = async (text: string) => {
 *   const sent = queue.rows.filter((r) => r.status === 'ready').map((r) => r.tempId);
 *   await sendMessage.mutateAsync({ conversationId, clientId: ulid(), content: [{ type: 'text', text }, ...queue.readyBlocks] });
 *   queue.clearFiles(sent);
 * };
 * ```
 */
export function useAttachmentQueue(
  client: KiloChatClient,
  conversationId: string,
  options: UseAttachmentQueueOptions,
): UseAttachmentQueueResult {
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const slotRef = useRef<QueueSlot | null>(null);
  const [, forceRender] = useReducer((count: number) => count + 1, 0);
  let slot = slotRef.current;
  if (slot === null || slot.client !== client || slot.conversationId !== conversationId || slot.queue.isDisposed) {
    // Creating the queue costs nothing until a file is added, so a render React discards leaks nothing.
    slot = { client, conversationId, queue: new AttachmentUploadQueue(client, conversationId, () => optionsRef.current) };
    slotRef.current = slot;
  }
  const queue = slot.queue;

  useEffect(() => {
    if (queue.isDisposed) {
      // StrictMode's simulated unmount (or a hidden Activity) disposed it: render again with a fresh queue.
      forceRender();
      return undefined;
    }
    return () => queue.dispose();
  }, [queue]);

  const state = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const rows = state.rows;
  const readyBlocks = useMemo(() => selectReadyBlocks(rows), [rows]);
  const isUploading = useMemo(() => selectIsUploading(rows), [rows]);
  const hasFailed = useMemo(() => selectHasFailed(rows), [rows]);

  return useMemo(
    () => ({
      rows,
      addFile: queue.addFile,
      removeFile: queue.removeFile,
      retryFile: queue.retryFile,
      clear: queue.clear,
      clearFiles: queue.clearFiles,
      getBlob: queue.getBlob,
      readyBlocks,
      isUploading,
      hasFailed,
    }),
    [queue, rows, readyBlocks, isUploading, hasFailed],
  );
}
