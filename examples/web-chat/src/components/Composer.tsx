import { contentBlocksPreviewText, MESSAGE_TEXT_MAX_CHARS, type InputContentBlock, type Message } from '@kilocode/kilo-chat';
import { useId, useRef, useState } from 'react';
import { useDraftAttachments } from '../chat/attachments.js';

export function Composer({
  conversationId,
  replyTo,
  replyName,
  onCancelReply,
  onSend,
  onTyping,
  onStopTyping,
}: {
  conversationId: string;
  replyTo: Message | null;
  replyName: string;
  onCancelReply: () => void;
  onSend: (content: InputContentBlock[]) => void;
  /** Every keystroke of a non-empty draft (the hook throttles the requests). */
  onTyping: () => void;
  /** The draft was sent or emptied. */
  onStopTyping: () => void;
}) {
  const [text, setText] = useState('');
  const attachments = useDraftAttachments(conversationId);
  const fileInput = useRef<HTMLInputElement>(null);
  const textId = useId();
  const hintId = useId();
  const tooLong = text.length > MESSAGE_TEXT_MAX_CHARS;
  const canSend = (text.trim() !== '' || attachments.readyBlocks.length > 0) && !attachments.busy && !attachments.failed && !tooLong;

  const submit = () => {
    if (!canSend) return;
    const content: InputContentBlock[] = [...(text.trim() ? [{ type: 'text' as const, text }] : []), ...attachments.readyBlocks];
    onSend(content);
    setText('');
    attachments.clearSent();
    onStopTyping();
  };

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        attachments.add(event.dataTransfer.files);
      }}
    >
      {replyTo && (
        <div className="reply-preview" data-testid="reply-preview">
          <span>
            Replying to <strong>{replyName}</strong>: {contentBlocksPreviewText(replyTo.content).slice(0, 160) || 'Message'}
          </span>
          <button type="button" onClick={onCancelReply} aria-label="Cancel reply">
            ✕
          </button>
        </div>
      )}
      {attachments.rejected && (
        <p className="error" role="alert">
          {attachments.rejected}
        </p>
      )}
      {attachments.rows.length > 0 && (
        <ul className="draft-attachments" aria-label="Attachments">
          {attachments.rows.map((row) => (
            <li key={row.tempId} className={`draft-attachment ${row.status}`}>
              {row.previewUrl ? <img src={row.previewUrl} alt="" /> : <span className="file-icon" aria-hidden="true">FILE</span>}
              <span className="file-name">{row.filename}</span>
              {row.status === 'uploading' && (
                <progress max={1} value={row.progress} aria-label={`Uploading ${row.filename}`}>
                  {Math.round(row.progress * 100)}%
                </progress>
              )}
              {row.status === 'failed' && (
                <>
                  <span className="error">{row.error}</span>
                  <button type="button" onClick={() => attachments.retry(row.tempId)}>
                    Retry
                  </button>
                </>
              )}
              <button type="button" onClick={() => attachments.remove(row.tempId)} aria-label={`Remove ${row.filename}`}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="composer-row">
        <button type="button" className="attach" onClick={() => fileInput.current?.click()}>
          Attach
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          onChange={(event) => {
            if (event.target.files) attachments.add(event.target.files);
            event.target.value = '';
          }}
        />
        <label htmlFor={textId} className="visually-hidden">
          Message
        </label>
        <textarea
          id={textId}
          value={text}
          rows={1}
          placeholder="Write a message…"
          aria-describedby={hintId}
          aria-invalid={tooLong}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim() === '') onStopTyping();
            else onTyping();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              submit();
            }
            if (event.key === 'Escape' && replyTo) onCancelReply();
          }}
        />
        <button type="submit" className="primary" disabled={!canSend}>
          Send
        </button>
      </div>
      <p id={hintId} className="hint">
        {tooLong ? `Message is too long — keep it under ${MESSAGE_TEXT_MAX_CHARS.toLocaleString('en-US')} characters` : 'Enter to send, Shift+Enter for a new line'}
      </p>
    </form>
  );
}
