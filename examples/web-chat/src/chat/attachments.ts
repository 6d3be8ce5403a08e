import { ATTACHMENT_MAX_BYTES, type AttachmentBlock } from '@kilocode/kilo-chat';
import { attachmentUrlKey, useKiloChatClient } from '@kilocode/kilo-chat-hooks';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';

/** A file picked for the next message. */
export interface DraftAttachment {
  tempId: string;
  file: File;
  /** Local preview of an image (an object URL), else null. */
  previewUrl: string | null;
  status: 'uploading' | 'ready' | 'failed';
  /** 0..1 */
  progress: number;
  block: AttachmentBlock | null;
  error: string | null;
}

function put(url: string, headers: Record<string, string>, file: File, onProgress: (fraction: number) => void, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() !== 'content-length') xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`Upload failed (${xhr.status})`)));
    xhr.onerror = () => reject(new Error('Network error during upload'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/**
 * The attachments of the message being written: each file is registered
 * (`initAttachment`) and uploaded at once, with its progress; the message can
 * be sent when every file is ready. (Stands in for the hooks package's
 * `useAttachmentQueue`.)
 */
export function useDraftAttachments(conversationId: string) {
  const client = useKiloChatClient();
  const [rows, setRows] = useState<DraftAttachment[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  const patch = useCallback((tempId: string, change: Partial<DraftAttachment>) => {
    setRows((current) => current.map((row) => (row.tempId === tempId ? { ...row, ...change } : row)));
  }, []);

  const upload = useCallback(
    async (tempId: string, file: File) => {
      const controller = new AbortController();
      controllers.current.set(tempId, controller);
      patch(tempId, { status: 'uploading', progress: 0, error: null });
      try {
        const mimeType = file.type || 'application/octet-stream';
        const init = await client.initAttachment({ conversationId, mimeType, size: file.size, filename: file.name, idempotencyKey: tempId });
        await put(init.putUrl, init.putHeaders, file, (progress) => patch(tempId, { progress }), controller.signal);
        patch(tempId, {
          status: 'ready',
          progress: 1,
          block: { type: 'attachment', attachmentId: init.attachmentId, mimeType, size: file.size, filename: file.name },
        });
      } catch (error) {
        if (controller.signal.aborted) return;
        patch(tempId, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
      } finally {
        controllers.current.delete(tempId);
      }
    },
    [client, conversationId, patch],
  );

  const add = useCallback(
    (files: Iterable<File>) => {
      for (const file of files) {
        const tempId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
        const tooBig = file.size > ATTACHMENT_MAX_BYTES;
        const row: DraftAttachment = {
          tempId,
          file,
          previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
          status: tooBig ? 'failed' : 'uploading',
          progress: 0,
          block: null,
          error: tooBig ? 'File is larger than 100 MB' : null,
        };
        setRows((current) => [...current, row]);
        if (!tooBig) void upload(tempId, file);
      }
    },
    [upload],
  );

  const remove = useCallback((tempId: string) => {
    controllers.current.get(tempId)?.abort();
    setRows((current) => {
      const row = current.find((item) => item.tempId === tempId);
      if (row?.previewUrl) URL.revokeObjectURL(row.previewUrl);
      return current.filter((item) => item.tempId !== tempId);
    });
  }, []);

  const retry = useCallback(
    (tempId: string) => {
      const row = rows.find((item) => item.tempId === tempId);
      if (row && row.status === 'failed' && row.file.size <= ATTACHMENT_MAX_BYTES) void upload(tempId, row.file);
    },
    [rows, upload],
  );

  /** Forget the rows after a send (their blocks went with the message). */
  const clear = useCallback(() => {
    setRows((current) => {
      current.forEach((row) => row.previewUrl && URL.revokeObjectURL(row.previewUrl));
      return [];
    });
  }, []);

  useEffect(() => {
    const map = controllers.current;
    return () => map.forEach((controller) => controller.abort());
  }, []);

  return {
    rows,
    add,
    remove,
    retry,
    clear,
    readyBlocks: rows.flatMap((row) => (row.status === 'ready' && row.block ? [row.block] : [])),
    busy: rows.some((row) => row.status === 'uploading'),
    failed: rows.some((row) => row.status === 'failed'),
  };
}

/** A signed download URL of an attachment, refreshed before it expires. */
export function useAttachmentDownloadUrl(conversationId: string, attachmentId: string): string | null {
  const client = useKiloChatClient();
  const query = useQuery({
    queryKey: attachmentUrlKey(conversationId, attachmentId),
    queryFn: () => client.getAttachmentUrl({ conversationId, attachmentId }),
    staleTime: (q) => Math.max(0, (q.state.data?.expiresAt ?? 0) * 1000 - Date.now() - 300_000),
  });
  return query.data?.url ?? null;
}
