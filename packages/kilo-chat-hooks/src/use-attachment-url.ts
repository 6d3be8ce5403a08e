import type { AttachmentGetUrlResponse, KiloChatClient } from '@kilocode/kilo-chat';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { attachmentUrlQueryOptions, type AttachmentUrlQueryConfig } from './attachment-url.js';

/**
 * The signed download URL of one attachment, refreshed 5 minutes before it
 * expires; `useQuery` over {@link attachmentUrlQueryOptions}.
 *
 * @param client - the signed-in user's client.
 * @param conversationId - the conversation the attachment was sent in; `null` disables the query.
 * @param attachmentId - the attachment; `null` disables the query.
 * @param options - `enabled` (default true).
 * @returns TanStack's query result; `data` is `{ url, mimeType, size, filename, expiresAt }` (`expiresAt` in Unix seconds).
 *
 * @example
 * ```tsx
 * const { data } = useAttachmentUrl(client, conversationId, block.attachmentId);
 * return data ? <img src={data.url} alt={data.filename} /> : <Spinner />;
 * ```
 */
export function useAttachmentUrl(
  client: KiloChatClient,
  conversationId: string | null,
  attachmentId: string | null,
  options?: AttachmentUrlQueryConfig,
): UseQueryResult<AttachmentGetUrlResponse, Error> {
  return useQuery(attachmentUrlQueryOptions(client, conversationId, attachmentId, options));
}
