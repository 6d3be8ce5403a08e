import type { Message } from '@kilocode/kilo-chat';
import { clientIdOfPendingMessage, isPendingMessageId, pendingActionGroupIdForMessage, type SendState } from '@kilocode/kilo-chat-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useMessageActions, usePendingAction, type useMessageHistory } from '../chat/messages.js';
import { useSession } from '../chat/session-context.js';
import { isGroupedWith, MessageItem, PendingItem } from './MessageItem.js';

/** How close to the bottom (px) still counts as "at the bottom", so new messages keep the view pinned. */
const BOTTOM_SLACK_PX = 80;
/** Height of the "loading older / beginning" line above the rows (px, as in styles.css). */
const EDGE_HEIGHT_PX = 32;
/** How close to the top (px) loads the next older page. */
const LOAD_OLDER_PX = 600;

const bodyGuesses = new WeakMap<Message, number>();
/** Whether a row shows under its previous one, per message and the previous message it was computed for. */
const groupedGuesses = new WeakMap<Message, { previous: Message | null; value: boolean }>();

/**
 * A first guess of a row's height in px, exact for the common rows (the row
 * metrics in styles.css are whole pixels: 2 px row padding, 12 px message
 * padding, 8 px gap and a 20 px header unless grouped, 22 px per text line):
 * every row whose guess was right costs no correction when it is measured.
 * Cached per message: the virtualiser asks for every row whenever the count
 * changes, so this must not decode ULIDs 20,000 times per page.
 */
function estimateRowHeight(message: Message, previous: Message | null): number {
  if (isPendingMessageId(message.id)) return 90;
  let body = bodyGuesses.get(message);
  if (body === undefined) {
    let lines = 0;
    for (const block of message.content) {
      if (block.type !== 'text') lines += block.type === 'actions' ? 2 : 4;
      else {
        lines += Math.max(1, Math.ceil(block.text.length / 90));
        for (let i = block.text.indexOf('\n'); i >= 0; i = block.text.indexOf('\n', i + 1)) lines++;
      }
    }
    body = Math.max(1, lines) * 22 + (message.replyTo ? 26 : 0) + (message.reactions.length > 0 ? 32 : 0);
    bodyGuesses.set(message, body);
  }
  let grouped = groupedGuesses.get(message);
  if (grouped === undefined || grouped.previous !== previous) {
    grouped = { previous, value: isGroupedWith(message, previous) };
    groupedGuesses.set(message, grouped);
  }
  return (grouped.value ? 14 : 42) + body;
}

/** A loaded message by id, searched from the newest (where the messages replied to usually are). */
function loadedMessage(messages: readonly Message[], id: string): Message | null {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.id === id) return messages[i]!;
  return null;
}

/**
 * The conversation's messages, oldest at the top, in a virtualised scroller:
 * only the rows near the viewport are in the DOM, so a history of 10,000
 * messages scrolls like one of 10. Scrolling near the top loads older pages
 * and keeps the reading position; a new message keeps the view at the bottom
 * when it was there.
 */
export function MessageList({
  history,
  sendStates,
  nameOf,
  conversationId,
  onReply,
  onRetry,
  onDiscard,
  onNewestSeen,
}: {
  history: ReturnType<typeof useMessageHistory>;
  /** `useSendStates` of the conversation: the unsent rows (`pending-<clientId>`) by `clientId`. */
  sendStates: ReadonlyMap<string, SendState>;
  nameOf: (id: string) => string;
  conversationId: string;
  onReply: (message: Message) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onNewestSeen: (messageId: string | null) => void;
}) {
  const { userId } = useSession();
  const { messages, hasNextPage, isFetchingNextPage, fetchNextPage } = history;
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const anchor = useRef<{ firstId: string; fromBottom: number } | null>(null);
  const actions = useMessageActions(conversationId);
  const pendingAction = usePendingAction();
  // The package's `messages` hold the rows of unsent messages too (`pending-<clientId>`, at the newest end when sent).
  const count = messages.length;

  // Stable while the rows are: the virtualiser recomputes every row's position when getItemKey changes.
  const getItemKey = useCallback((index: number) => messages[index]!.id, [messages]);
  const estimateSize = useCallback((index: number) => estimateRowHeight(messages[index]!, index > 0 ? messages[index - 1]! : null), [messages]);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 8,
    // Let React batch the re-renders a scroll causes instead of rendering synchronously inside each scroll event.
    useFlushSync: false,
    getItemKey,
  });

  const loadOlder = useCallback(() => {
    const element = scrollRef.current;
    if (!element || !hasNextPage || isFetchingNextPage || messages.length === 0) return;
    anchor.current = { firstId: messages[0]!.id, fromBottom: element.scrollHeight - element.scrollTop };
    void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage, messages]);

  // The newest message on screen, from the virtualiser's own range (no layout read).
  const reportSeen = useCallback(() => {
    const end = virtualizer.range?.endIndex ?? -1;
    let index = Math.min(end, messages.length - 1);
    // Never an unsent row: only stored messages can be marked read.
    while (index >= 0 && isPendingMessageId(messages[index]!.id)) index--;
    onNewestSeen(index >= 0 ? messages[index]!.id : null);
  }, [messages, onNewestSeen, virtualizer]);

  // Sizes from the virtualiser: reading the scroller's scrollHeight here would force a layout on every scroll event.
  const onScroll = () => {
    const offset = scrollRef.current?.scrollTop ?? 0;
    const height = virtualizer.scrollRect?.height ?? 0;
    atBottom.current = virtualizer.getTotalSize() + EDGE_HEIGHT_PX - offset - height < BOTTOM_SLACK_PX;
    if (offset < LOAD_OLDER_PX) loadOlder();
    reportSeen();
  };

  // Older messages were put above: keep the same message under the reader's eyes.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const saved = anchor.current;
    if (!element || !saved || messages.length === 0 || messages[0]!.id === saved.firstId) return;
    anchor.current = null;
    element.scrollTop = element.scrollHeight - saved.fromBottom;
  }, [messages]);

  // New rows at the bottom (or the first page): stay pinned to the newest.
  const totalSize = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (atBottom.current && count > 0) {
      const element = scrollRef.current;
      if (element) element.scrollTop = element.scrollHeight;
    }
  }, [count, totalSize]);

  // After every render: the virtualiser re-renders when its range moves (scrolls, measurements), and
  // its range is only current then. Cheap (no layout read); the parent ignores an unchanged id.
  useEffect(() => {
    reportSeen();
  });

  // A short first page that does not fill the view: fetch until it scrolls.
  const viewHeight = virtualizer.scrollRect?.height ?? 0;
  useEffect(() => {
    if (viewHeight > 0 && hasNextPage && !isFetchingNextPage && totalSize <= viewHeight + LOAD_OLDER_PX) loadOlder();
  }, [hasNextPage, isFetchingNextPage, loadOlder, totalSize, viewHeight]);

  const renderRow = (index: number) => {
    const message = messages[index]!;
    const clientId = clientIdOfPendingMessage(message.id);
    if (clientId !== null) {
      const replyTo = message.inReplyToMessageId ? loadedMessage(messages, message.inReplyToMessageId) : null;
      return (
        <PendingItem
          message={message}
          state={sendStates.get(clientId)}
          replyTo={replyTo}
          nameOf={nameOf}
          onRetry={() => onRetry(clientId)}
          onDiscard={() => onDiscard(clientId)}
        />
      );
    }
    return (
      <MessageItem
        message={message}
        previous={index > 0 ? messages[index - 1]! : null}
        own={message.senderId === userId}
        userId={userId}
        nameOf={nameOf}
        conversationId={conversationId}
        actions={actions}
        pendingGroup={pendingActionGroupIdForMessage(pendingAction.pending, message.id)}
        runAction={pendingAction.run}
        onReply={onReply}
      />
    );
  };

  if (history.isPending) return <div className="messages messages-status">Loading messages…</div>;
  if (history.isError) {
    return (
      <div className="messages messages-status" role="alert">
        Could not load messages.{' '}
        <button type="button" onClick={() => void history.refetch()}>
          Retry
        </button>
      </div>
    );
  }

  return (
    <div
      className="messages"
      ref={scrollRef}
      onScroll={onScroll}
      role="log"
      aria-label="Messages"
      tabIndex={0}
      data-testid="message-scroller"
      data-loaded={messages.length}
      data-complete={!hasNextPage}
    >
      <div className="history-edge" aria-hidden={!isFetchingNextPage}>
        {isFetchingNextPage ? 'Loading older messages…' : hasNextPage ? '' : messages.length > 0 ? 'Beginning of the conversation' : ''}
      </div>
      <div style={{ height: totalSize, position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="message-row"
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
          >
            {renderRow(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
