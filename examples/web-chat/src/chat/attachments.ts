import { ATTACHMENT_MAX_BYTES, formatFileSize } from '@kilocode/kilo-chat';
import { createXhrPerformUpload, useAttachmentQueue, useKiloChatClient, type QueuedAttachment } from '@kilocode/kilo-chat-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/** A file picked for the next message: the package's queue row plus a local image preview. */
export interface DraftAttachment extends QueuedAttachment {
  /** Local preview of an image (an object URL), else null. */
  previewUrl: string | null;
}

/** One uploader for the app: `PUT` through `XMLHttpRequest`, which reports upload progress. */
const performUpload = createXhrPerformUpload();

/**
 * The attachments of the message being written, on the package's
 * `useAttachmentQueue`: each file is registered and uploaded at once (3 at a
 * time, transient failures retried), with its progress; the message can be
 * sent when every file is ready. The app adds image previews (object URLs of
 * the queued bytes) and a note for a file over the size limit.
 */
export function useDraftAttachments(conversationId: string) {
  const client = useKiloChatClient();
  const [rejected, setRejected] = useState<string | null>(null);
  const queue = useAttachmentQueue(client, conversationId, {
    performUpload,
    maxBytes: ATTACHMENT_MAX_BYTES,
    onSizeRejected: (input) => setRejected(`${input.filename} is larger than ${formatFileSize(ATTACHMENT_MAX_BYTES)}`),
  });

  // Object URLs of the image rows, made once per row and revoked when the row goes.
  const previews = useRef(new Map<string, string>());
  const rows = useMemo<DraftAttachment[]>(
    () =>
      queue.rows.map((row) => {
        let previewUrl = previews.current.get(row.tempId) ?? null;
        if (previewUrl === null && row.mimeType.startsWith('image/')) {
          const blob = queue.getBlob(row.tempId);
          if (blob) {
            previewUrl = URL.createObjectURL(blob);
            previews.current.set(row.tempId, previewUrl);
          }
        }
        return { ...row, previewUrl };
      }),
    [queue],
  );
  useEffect(() => {
    const live = new Set(queue.rows.map((row) => row.tempId));
    for (const [tempId, url] of previews.current) {
      if (!live.has(tempId)) {
        URL.revokeObjectURL(url);
        previews.current.delete(tempId);
      }
    }
  }, [queue.rows]);
  useEffect(() => {
    const map = previews.current;
    return () => {
      map.forEach((url) => URL.revokeObjectURL(url));
      map.clear();
    };
  }, []);

  const { addFile, removeFile, retryFile, clearFiles } = queue;
  const add = useCallback(
    (files: Iterable<File>) => {
      setRejected(null);
      for (const file of files) addFile({ blob: file, filename: file.name, mimeType: file.type || 'application/octet-stream' });
    },
    [addFile],
  );
  /** Forget the rows a sent message carried (their blocks went with it). */
  const clearSent = useCallback(() => {
    clearFiles(queue.rows.filter((row) => row.status === 'ready').map((row) => row.tempId));
    setRejected(null);
  }, [clearFiles, queue.rows]);

  return {
    rows,
    add,
    remove: removeFile,
    retry: retryFile,
    clearSent,
    rejected,
    readyBlocks: queue.readyBlocks,
    busy: queue.isUploading,
    failed: queue.hasFailed,
  };
}
