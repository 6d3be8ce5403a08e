import { contentBlocksPreviewText, formatKiloChatError, type Message } from '@kilocode/kilo-chat';
import { presenceContextForConversation } from '@kilocode/event-service';
import {
  conversationKey,
  useBotStatus,
  useConversationDetail,
  useKiloChatClient,
  useLeaveConversation,
  useMarkConversationReadWhenSeen,
  usePresenceSubscription,
  useRenameConversation,
  useTyping,
} from '@kilocode/kilo-chat-hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useMessageHistory, useSendMessages } from '../chat/messages.js';
import { useSession } from '../chat/session-context.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

export function ConversationView({ sandboxId, conversationId, onLeft }: { sandboxId: string; conversationId: string; onLeft: () => void }) {
  const client = useKiloChatClient();
  const { userId, eventService } = useSession();
  const detail = useConversationDetail(client, conversationId);
  // The package's resync refetches the list, the history and the badges; the detail (title, members) is the app's to refresh.
  const queryClient = useQueryClient();
  useEffect(
    () => eventService.onResync(() => void queryClient.invalidateQueries({ queryKey: conversationKey(conversationId), exact: true })),
    [eventService, queryClient, conversationId],
  );
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const member of detail.data?.members ?? []) {
      map.set(member.id, member.kind === 'bot' ? 'Bot' : (member.displayName ?? member.id));
    }
    return map;
  }, [detail.data]);
  const nameOf = useCallback((id: string) => (id === userId ? 'You' : (names.get(id) ?? (id.startsWith('bot:') ? 'Bot' : id))), [names, userId]);

  const [announcement, setAnnouncement] = useState('');
  const history = useMessageHistory(sandboxId, conversationId, (message) => {
    if (message.senderId === userId) return;
    setAnnouncement(`${nameOf(message.senderId)}: ${contentBlocksPreviewText(message.content) || 'new message'}`);
  });
  const outbox = useSendMessages(conversationId);
  const { typingMemberIds: typing, notifyTyping, stopTyping } = useTyping(client, sandboxId, conversationId, userId);
  const botStatus = useBotStatus(client, eventService, sandboxId);
  const botOnline = botStatus ? botStatus.online : null;
  const visible = usePageVisible();
  // While the conversation is on screen, its presence context tells the server to skip its pushes and badges.
  usePresenceSubscription(presenceContextForConversation(sandboxId, conversationId), visible);
  const [newestSeenId, setNewestSeenId] = useState<string | null>(null);
  useMarkConversationReadWhenSeen(client, { sandboxId, conversationId, latestMessageId: newestSeenId, active: visible && !history.isPending });
  const [replyTo, setReplyTo] = useState<Message | null>(null);

  const title = detail.data?.title ?? (detail.isPending ? '' : 'Untitled conversation');
  const isMember = detail.isError ? false : true;

  return (
    <main className="conversation" aria-labelledby="conversation-title">
      <ConversationHeader
        sandboxId={sandboxId}
        conversationId={conversationId}
        title={title}
        members={(detail.data?.members ?? []).map((member) => nameOf(member.id))}
        botOnline={botOnline}
        onLeft={onLeft}
      />
      {detail.isError && (
        <p className="error" role="alert">
          {formatKiloChatError(detail.error, 'Could not open this conversation')}
        </p>
      )}
      <MessageList
        history={history}
        sendStates={outbox.states}
        nameOf={nameOf}
        conversationId={conversationId}
        onReply={setReplyTo}
        onRetry={outbox.retry}
        onDiscard={outbox.discard}
        onNewestSeen={setNewestSeenId}
      />
      <div className="typing" aria-live="off" data-testid="typing-indicator">
        {typing.length > 0 && <span>{typing.map(nameOf).join(', ')} {typing.length === 1 ? 'is' : 'are'} typing…</span>}
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {announcement}
      </div>
      {isMember && (
        <Composer
          key={conversationId}
          conversationId={conversationId}
          replyTo={replyTo}
          replyName={replyTo ? nameOf(replyTo.senderId) : ''}
          onCancelReply={() => setReplyTo(null)}
          onTyping={notifyTyping}
          onStopTyping={stopTyping}
          onSend={(content) => {
            outbox.send(content, replyTo);
            setReplyTo(null);
          }}
        />
      )}
    </main>
  );
}

function ConversationHeader({
  sandboxId,
  conversationId,
  title,
  members,
  botOnline,
  onLeft,
}: {
  sandboxId: string;
  conversationId: string;
  title: string;
  members: string[];
  botOnline: boolean | null;
  onLeft: () => void;
}) {
  const client = useKiloChatClient();
  const rename = useRenameConversation(client);
  const leave = useLeaveConversation(client);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const error = rename.error ?? leave.error;

  return (
    <header className="conversation-header">
      {editing ? (
        <form
          className="rename-form"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate({ conversationId, title: draft, sandboxId }, { onSuccess: () => setEditing(false) });
          }}
        >
          <label htmlFor="rename-input" className="visually-hidden">
            Conversation title
          </label>
          <input id="rename-input" value={draft} onChange={(event) => setDraft(event.target.value)} maxLength={200} autoFocus />
          <button type="submit" className="primary" disabled={rename.isPending}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="conversation-heading">
          <h2 id="conversation-title">{title}</h2>
          <p className="members">
            {members.join(', ')}
            {botOnline !== null && (
              <span className={`bot-status ${botOnline ? 'online' : 'offline'}`} data-testid="bot-status">
                <span className="dot" aria-hidden="true" /> Bot {botOnline ? 'online' : 'offline'}
              </span>
            )}
          </p>
        </div>
      )}
      {!editing && (
        <div className="conversation-actions">
          <button
            type="button"
            onClick={() => {
              setDraft(title);
              setEditing(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            className="danger"
            disabled={leave.isPending}
            onClick={() => {
              if (window.confirm(`Leave “${title}”?`)) leave.mutate({ conversationId, sandboxId }, { onSuccess: onLeft });
            }}
          >
            Leave
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {formatKiloChatError(error, 'That did not work')}
        </p>
      )}
    </header>
  );
}
