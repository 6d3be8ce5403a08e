/**
 * A `PerformUpload` on `fetch`, for hook tests against the mock server's msw
 * face: PUTs the blob to the presigned URL (every header but Content-Length),
 * honours the signal and the operation's last-moment admission check, and
 * reports progress 1 once the storage accepted the bytes.
 */
import { AttachmentUploadError, type PerformUpload } from '../../src/index';

export function createFetchPerformUpload(log: { puts: string[] } = { puts: [] }): PerformUpload {
  return async (blob, putUrl, putHeaders, { signal, onProgress, operation }) => {
    operation?.assertDispatch();
    const headers = Object.fromEntries(Object.entries(putHeaders).filter(([name]) => name.toLowerCase() !== 'content-length'));
    log.puts.push(putUrl);
    const response = await fetch(putUrl, { method: 'PUT', body: await blob.arrayBuffer(), headers, signal });
    if (!response.ok) {
      throw new AttachmentUploadError('upload_failed', `Upload failed (${response.status})`, { status: response.status });
    }
    onProgress(1);
  };
}

export const fetchPerformUpload: PerformUpload = createFetchPerformUpload();
