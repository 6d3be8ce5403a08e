import {
  buildMessageActionAvailability,
  contentBlocksPreviewText,
  contentBlocksToText,
  formatFileSize,
  formatKiloChatError,
  ulidToTimestamp,
  type ActionsBlock,
  type AttachmentBlock,
  type ContentBlock,
  type ExecApprovalDecision,
  type InputContentBlock,
  type Message,
} from '@kilocode/kilo-chat';
import { isPendingMessageId, useAttachmentUrl, useKiloChatClient, type SendState } from '@kilocode/kilo-chat-hooks';
import { memo, useState } from 'react';
import type { useMessageActions, usePendingAction } from '../chat/messages.js';
import { messageTimeLabel } from './time-labels.js';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀'];

/** A message shown under the previous one without its own header: same sender, within 5 minutes. */
export function isGroupedWith(message: Message, previous: Message | null): boolean {
  return (
    previous !== null &&
    // Rows of unsent messages (`pending-<clientId>`) carry no ULID time.
    !isPendingMessageId(message.id) &&
    !isPendingMessageId(previous.id) &&
    previous.senderId === message.senderId &&
    !previous.deleted &&
    ulidToTimestamp(message.id) - ulidToTimestamp(previous.id) < 5 * 60_000
  );
}

function timeOf(id: string): string {
  try {
    return messageTimeLabel(ulidToTimestamp(id));
  } catch {
    return '';
  }
}

/** Text is rendered as text: React escapes it, and line breaks are kept by CSS. */
function TextBlocks({ content }: { content: readonly (ContentBlock | InputContentBlock)[] }) {
  return (
    <>
      {content.map((block, index) =>
        block.type === 'text' ? (
          <p key={index} className="message-text">
            {block.text}
          </p>
        ) : null,
      )}
    </>
  );
}

function AttachmentView({ conversationId, block }: { conversationId: string; block: AttachmentBlock }) {
  const url = useAttachmentUrl(useKiloChatClient(), conversationId, block.attachmentId).data?.url ?? null;
  const image = block.mimeType.startsWith('image/');
  return (
    <figure className="attachment">
      {image && url ? (
        <a href={url} target="_blank" rel="noreferrer noopener">
          <img src={url} alt={block.filename} loading="lazy" />
        </a>
      ) : null}
      <figcaption>
        {url ? (
          <a href={url} target="_blank" rel="noreferrer noopener" download={block.filename}>
            {block.filename}
          </a>
        ) : (
          block.filename
        )}{' '}
        <span className="muted">{formatFileSize(block.size)}</span>
      </figcaption>
    </figure>
  );
}

function ActionButtons({
  block,
  pending,
  nameOf,
  onChoose,
}: {
  block: ActionsBlock;
  pending: boolean;
  nameOf: (id: string) => string;
  onChoose: (value: ExecApprovalDecision) => void;
}) {
  if (block.resolved) {
    const chosen = block.actions.find((action) => action.value === block.resolved!.value);
    return (
      <p className="action-resolved" data-testid="action-resolved">
        {nameOf(block.resolved.resolvedBy)} chose “{chosen?.label ?? block.resolved.value}”
      </p>
    );
  }
  return (
    <div className="action-group" role="group" aria-label="Choose an answer" aria-busy={pending}>
      {block.actions.map((action) => (
        <button
          key={action.value}
          type="button"
          className={`action action-${action.style}`}
          aria-disabled={pending}
          onClick={() => {
            if (!pending) onChoose(action.value);
          }}
        >
          {action.label}
        </button>
      ))}
      {pending && <span className="muted">Sending your answer…</span>}
    </div>
  );
}

interface MessageItemProps {
  message: Message;
  previous: Message | null;
  own: boolean;
  userId: string;
  nameOf: (id: string) => string;
  conversationId: string;
  actions: ReturnType<typeof useMessageActions>;
  pendingGroup: string | null;
  runAction: ReturnType<typeof usePendingAction>['run'];
  onReply: (message: Message) => void;
}

export const MessageItem = memo(function MessageItem({
  message,
  previous,
  own,
  userId,
  nameOf,
  conversationId,
  actions,
  pendingGroup,
  runAction,
  onReply,
}: MessageItemProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const can = buildMessageActionAvailability(message, own);
  const grouped = isGroupedWith(message, previous);
  const bot = message.senderId.startsWith('bot:');
  const time = timeOf(message.id);
  const fail = (fallback: string) => (err: unknown) => setError(formatKiloChatError(err, fallback));

  return (
    <article
      className={`message${own ? ' own' : ''}${bot ? ' bot' : ''}${grouped ? ' grouped' : ''}`}
      data-message-id={message.id}
      data-testid="message"
      aria-label={`${nameOf(message.senderId)}, ${time}`}
    >
      {!grouped && (
        <header className="message-header">
          <span className="sender">{nameOf(message.senderId)}</span>
          <time className="muted">{time}</time>
        </header>
      )}
      {message.replyTo && (
        <blockquote className="reply-quote" data-testid="reply-quote">
          <span className="reply-sender">{message.replyTo.senderId ? nameOf(message.replyTo.senderId) : 'Unknown'}</span>{' '}
          {message.replyTo.deleted ? <em>deleted message</em> : message.replyTo.previewText}
        </blockquote>
      )}
      {message.deleted ? (
        <p className="message-text muted">
          <em>Message deleted</em>
        </p>
      ) : editing ? (
        <form
          className="edit-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim() === '') return;
            setError(null);
            actions.edit(message, draft).then(() => setEditing(false), fail('Could not save the edit'));
          }}
        >
          <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
            Edit message
          </label>
          <textarea
            id={`edit-${message.id}`}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            autoFocus
            onKeyDown={(event) => {
              if (event.key === 'Escape') setEditing(false);
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <div className="row">
            <button type="submit" className="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <TextBlocks content={message.content} />
          {/* Live edits carry `clientUpdatedAt` only (no event has `updatedAt`); a fetched row has both. */}
          {(message.clientUpdatedAt !== null || message.updatedAt !== null) && <span className="muted edited">(edited)</span>}
          {message.content.map((block, index) =>
            block.type === 'attachment' ? (
              <AttachmentView key={index} conversationId={conversationId} block={block} />
            ) : block.type === 'actions' ? (
              <ActionButtons
                key={index}
                block={block}
                pending={pendingGroup === block.groupId}
                nameOf={nameOf}
                onChoose={(value) => {
                  setError(null);
                  void runAction(message.id, block.groupId, () => actions.executeAction(message, block.groupId, value)).catch(
                    fail('Could not send your answer'),
                  );
                }}
              />
            ) : null,
          )}
        </>
      )}
      {message.reactions.length > 0 && (
        <div className="reactions" role="group" aria-label="Reactions">
          {message.reactions.map((reaction) => {
            const mine = reaction.memberIds.includes(userId);
            return (
              <button
                key={reaction.emoji}
                type="button"
                className={`reaction${mine ? ' mine' : ''}`}
                aria-pressed={mine}
                aria-label={`${reaction.emoji} ${reaction.count}, from ${reaction.memberIds.map(nameOf).join(', ')}`}
                disabled={!can.canReact}
                onClick={() => void actions.toggleReaction(message, reaction.emoji).catch(fail('Could not change the reaction'))}
              >
                {reaction.emoji} {reaction.count}
              </button>
            );
          })}
        </div>
      )}
      {message.deliveryFailed && (
        <p className="delivery-failed" role="status">
          Not delivered to the bot.{' '}
          {own && (
            <button type="button" onClick={() => void actions.redeliver(message).catch(fail('Could not retry'))}>
              Retry delivery
            </button>
          )}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!message.deleted && !editing && (
        <div className="message-toolbar" role="toolbar" aria-label="Message actions">
          {can.canReply && (
            <button type="button" onClick={() => onReply(message)}>
              Reply
            </button>
          )}
          {can.canReact && (
            <button type="button" aria-expanded={picking} onClick={() => setPicking(!picking)}>
              React
            </button>
          )}
          {can.canEdit && contentBlocksToText(message.content) !== '' && (
            <button
              type="button"
              onClick={() => {
                setDraft(contentBlocksToText(message.content));
                setEditing(true);
              }}
            >
              Edit
            </button>
          )}
          {can.canDelete && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm('Delete this message?')) void actions.remove(message).catch(fail('Could not delete'));
              }}
            >
              Delete
            </button>
          )}
          {picking && (
            <span className="emoji-picker" role="group" aria-label="Pick a reaction">
              {QUICK_REACTIONS.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  aria-label={`React with ${emoji}`}
                  onClick={() => {
                    setPicking(false);
                    const already = message.reactions.find((reaction) => reaction.emoji === emoji)?.memberIds.includes(userId);
                    if (!already) void actions.toggleReaction(message, emoji).catch(fail('Could not react'));
                  }}
                >
                  {emoji}
                </button>
              ))}
            </span>
          )}
        </div>
      )}
    </article>
  );
});

/** A message the server has not confirmed (a `pending-<clientId>` row of the package's outbox): sending, or failed with Retry. */
export function PendingItem({
  message,
  state,
  replyTo,
  nameOf,
  onRetry,
  onDiscard,
}: {
  message: Message;
  /** From `useSendStates`; undefined once the outbox forgot the send (its stored copy is on its way). */
  state: SendState | undefined;
  /** The loaded message it answers, if any. */
  replyTo: Message | null;
  nameOf: (id: string) => string;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const status = state?.status ?? 'sending';
  return (
    <article className={`message own pending ${status}`} data-testid="pending-message" data-status={status}>
      <header className="message-header">
        <span className="sender">{nameOf(message.senderId)}</span>
        <span className="muted">{status === 'sending' ? 'Sending…' : 'Not sent'}</span>
      </header>
      {replyTo && (
        <blockquote className="reply-quote">
          <span className="reply-sender">{nameOf(replyTo.senderId)}</span> {contentBlocksPreviewText(replyTo.content)}
        </blockquote>
      )}
      <TextBlocks content={message.content} />
      {message.content.some((block) => block.type === 'attachment') && (
        <p className="muted">
          {message.content
            .flatMap((block) => (block.type === 'attachment' ? [block.filename] : []))
            .join(', ')}
        </p>
      )}
      {status === 'failed' && (
        <p className="delivery-failed" role="alert">
          <span data-testid="send-failed">failed</span> to send.{' '}
          <button type="button" onClick={onRetry}>
            Retry
          </button>{' '}
          <button type="button" onClick={onDiscard}>
            Discard
          </button>
        </p>
      )}
    </article>
  );
}
