import { badgeBucketForConversation } from '@kilocode/notifications';
import type { Caller } from '../caller.js';
import type { ChatState } from '../chat-state.js';
import { CoreError } from '../core-error.js';
import { ulidTime } from '../ids.js';

/** Response of H6. */
export interface MarkReadResult {
  ok: true;
  applied: boolean;
  lastReadAt: number;
  badgeClear: { badgeBucket: string; badgeCount: number } | null;
}

/**
 * H6. The read marker only moves forward. The badge is cleared when the
 * marker reaches the newest live message (a repeat may clear it again); a
 * failed clear answers 503 after the marker is stored.
 */
export function markRead(state: ChatState, caller: Caller, conversationId: string, lastSeenMessageId: string): MarkReadResult {
  const conversation = state.memberConversation(caller, conversationId);
  const seen = conversation.getMessage(lastSeenMessageId);
  if (!seen) throw new CoreError(400, 'Message does not belong to conversation');
  const at = ulidTime(seen.id);
  const row = state.lists.get(caller.id, conversation.id);
  const applied = row !== undefined && (row.lastReadAt === null || row.lastReadAt < at);
  if (applied) state.apply({ type: 'list.read', conversationId: conversation.id, memberId: caller.id, at });
  const stored = state.lists.get(caller.id, conversation.id)?.lastReadAt ?? at;
  if (applied) {
    state.pushToInstance(conversation, 'conversation.read', { conversationId: conversation.id, memberId: caller.id, lastReadAt: stored }, [
      caller.id,
    ]);
  }
  let badgeClear: MarkReadResult['badgeClear'] = null;
  const sandboxId = conversation.sandboxId;
  const latest = conversation.latestLiveMessage();
  if (sandboxId && (!latest || seen.id >= latest.id)) {
    if (state.faults.takeBadgeClearFailure()) throw new CoreError(503, 'Failed to clear notification badge');
    const badgeBucket = badgeBucketForConversation(sandboxId, conversation.id);
    badgeClear = { badgeBucket, badgeCount: state.badges.clear(caller.id, badgeBucket) };
  }
  return { ok: true, applied, lastReadAt: stored, badgeClear };
}
