import { formatKiloChatError } from '@kilocode/kilo-chat';
import { useCreateConversation, useKiloChatClient } from '@kilocode/kilo-chat-hooks';
import { useId, useState } from 'react';
import { useConversationList, useUnreadCounts } from '../chat/conversations.js';
import { listTimeLabel } from './time-labels.js';

export function ConversationList({
  sandboxId,
  activeId,
  onOpen,
}: {
  sandboxId: string;
  activeId: string | null;
  onOpen: (conversationId: string) => void;
}) {
  const list = useConversationList(sandboxId, activeId);
  const unread = useUnreadCounts();
  const create = useCreateConversation(useKiloChatClient());
  const [title, setTitle] = useState('');
  const titleId = useId();
  const headingId = useId();

  return (
    <nav className="conversations" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        Conversations
      </h2>
      <form
        className="new-conversation"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate(title.trim() ? { sandboxId, title: title.trim() } : { sandboxId }, {
            onSuccess: (response) => {
              setTitle('');
              onOpen(response.conversationId);
            },
          });
        }}
      >
        <label htmlFor={titleId} className="visually-hidden">
          New conversation title
        </label>
        <input id={titleId} value={title} onChange={(event) => setTitle(event.target.value)} placeholder="New conversation title" maxLength={200} />
        <button type="submit" disabled={create.isPending}>
          New
        </button>
      </form>
      {create.isError && (
        <p className="error" role="alert">
          {formatKiloChatError(create.error, 'Could not create the conversation')}
        </p>
      )}
      {list.isPending ? (
        <p className="muted">Loading conversations…</p>
      ) : list.isError ? (
        <p className="error" role="alert">
          Could not load conversations.{' '}
          <button type="button" onClick={() => void list.refetch()}>
            Retry
          </button>
        </p>
      ) : list.conversations.length === 0 ? (
        <p className="muted">No conversations in {sandboxId}.</p>
      ) : (
        <ul className="conversation-list" data-testid="conversation-list">
          {list.conversations.map((item) => {
            const count = unread(sandboxId, item.conversationId);
            const title = item.title ?? 'Untitled conversation';
            return (
              <li key={item.conversationId}>
                <button
                  type="button"
                  className={`conversation-item${item.conversationId === activeId ? ' active' : ''}`}
                  aria-current={item.conversationId === activeId ? 'page' : undefined}
                  aria-label={count > 0 ? `${title}, ${count} unread` : title}
                  data-conversation-id={item.conversationId}
                  onClick={() => onOpen(item.conversationId)}
                >
                  <span className="conversation-title">{title}</span>
                  <span className="conversation-meta">
                    <span className="conversation-time">{listTimeLabel(item.lastActivityAt ?? item.joinedAt)}</span>
                    {count > 0 && (
                      <span className="badge" data-testid="unread-badge" aria-hidden="true">
                        {count > 99 ? '99+' : count}
                      </span>
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="load-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'More conversations'}
        </button>
      )}
    </nav>
  );
}
