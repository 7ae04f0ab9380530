import type { Message, PendingMessage } from '@chat/client';
import { useEffect, useState } from 'preact/hooks';
import { formatBytes, timeLabel } from '../lib/format';
import { segments } from '../lib/text';
import type { ChatStore } from '../model/chat-store';
import type { RoomModel } from '../model/room-model';
import { Avatar, Icon } from './common';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '👀'];

/** A message's text: mentions and links as elements, everything as text (never markup). */
export function MessageText({ text, store, known }: { text: string; store: ChatStore; known: Set<string> }) {
  return (
    <>
      {segments(text, known, store.me?.username).map((part, index) => {
        if (part.kind === 'mention') {
          return (
            <span key={index} class={`mention${part.me ? ' mention-me' : ''}`}>
              {part.text}
            </span>
          );
        }
        if (part.kind === 'link') {
          return (
            <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
              {part.text}
            </a>
          );
        }
        return part.text;
      })}
    </>
  );
}

function AttachmentView({
  model,
  attachment,
}: {
  model: RoomModel;
  attachment: Message['attachments'][number];
}) {
  const [url, setUrl] = useState<string>();
  const [failed, setFailed] = useState(false);
  const image = attachment.contentType.startsWith('image/');
  useEffect(() => {
    model.downloadUrl(attachment.attachmentId).then(setUrl, () => setFailed(true));
  }, [attachment.attachmentId]);
  if (image) {
    return (
      <a
        class="attachment image"
        href={url}
        target="_blank"
        rel="noopener noreferrer"
        aria-label={`Open ${attachment.fileName}`}
      >
        {url ? (
          <img src={url} alt={attachment.fileName} loading="lazy" decoding="async" />
        ) : (
          <span class="image-placeholder">{failed ? 'Image unavailable' : 'Loading image…'}</span>
        )}
      </a>
    );
  }
  return (
    <a
      class="attachment file"
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      download={attachment.fileName}
    >
      <Icon name="clip" size={16} />
      <span class="file-name">{attachment.fileName}</span>
      <span class="muted small">{formatBytes(attachment.size)}</span>
    </a>
  );
}

interface ItemProps {
  model: RoomModel;
  store: ChatStore;
  message: Message;
  continued: boolean;
  known: Set<string>;
  inThread?: boolean;
  seen?: boolean;
}

export function MessageItem({ model, store, message, continued, known, inThread, seen }: ItemProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.text);
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string>();
  const mine = message.senderId === store.myId;
  const deleted = message.deletedAt !== undefined;
  const name = store.nameOf(message.senderId);
  const replies = model.replyCountOf(message);
  const canModerate = model.members.some((m) => m.userId === store.myId && m.role !== 'member');

  const act = (action: () => Promise<void>) =>
    action().catch((failure: unknown) =>
      setError(failure instanceof Error ? failure.message : String(failure)),
    );

  const saveEdit = () => {
    const text = draft.trim();
    setEditing(false);
    if (text && text !== message.text) void act(() => model.edit(message.messageId, text));
  };

  return (
    <article
      class={`message${continued ? ' continued' : ''}${mine ? ' mine' : ''}${deleted ? ' deleted' : ''}`}
      aria-label={`${name} at ${timeLabel(message.createdAt)}`}
      data-message-id={message.messageId}
      tabIndex={-1}
    >
      <div class="gutter">
        {continued ? (
          <time class="hover-time" dateTime={message.createdAt}>
            {timeLabel(message.createdAt)}
          </time>
        ) : (
          <Avatar id={message.senderId} name={name} />
        )}
      </div>
      <div class="bubble">
        {!continued && (
          <header class="message-head">
            <strong class="sender">{name}</strong>
            <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
          </header>
        )}
        {deleted ? (
          <p class="text tombstone">This message was deleted.</p>
        ) : editing ? (
          <form
            class="edit-form"
            onSubmit={(e) => {
              e.preventDefault();
              saveEdit();
            }}
          >
            <label class="sr-only" for={`edit-${message.messageId}`}>
              Edit message
            </label>
            <textarea
              id={`edit-${message.messageId}`}
              value={draft}
              rows={2}
              autoFocus
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  saveEdit();
                }
                if (e.key === 'Escape') setEditing(false);
              }}
            />
            <div class="edit-actions">
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
              <button type="submit" class="primary">
                Save
              </button>
            </div>
          </form>
        ) : (
          message.text && (
            <p class="text">
              <MessageText text={message.text} store={store} known={known} />
              {message.editedAt && <span class="edited"> (edited)</span>}
            </p>
          )
        )}
        {!deleted && message.attachments.length > 0 && (
          <div class="attachments">
            {message.attachments.map((a) => (
              <AttachmentView key={a.attachmentId} model={model} attachment={a} />
            ))}
          </div>
        )}
        {!deleted && (message.reactions?.length ?? 0) > 0 && (
          <div class="reactions" role="group" aria-label="Reactions">
            {message.reactions?.map((r) => {
              const reacted = r.userIds.includes(store.myId ?? '');
              return (
                <button
                  key={r.reaction}
                  type="button"
                  class={`reaction${reacted ? ' reacted' : ''}`}
                  aria-pressed={reacted}
                  title={r.userIds.map((id) => store.nameOf(id)).join(', ')}
                  onClick={() => void act(() => model.toggleReaction(message, r.reaction))}
                >
                  <span aria-hidden="true">{r.reaction}</span>
                  <span class="count">{r.count}</span>
                  <span class="sr-only">
                    {r.reaction} {r.count}, {reacted ? 'remove yours' : 'add yours'}
                  </span>
                </button>
              );
            })}
          </div>
        )}
        {!inThread && replies > 0 && (
          <button type="button" class="thread-link" onClick={() => void model.openThread(message.messageId)}>
            <Icon name="thread" size={14} /> {replies} repl{replies === 1 ? 'y' : 'ies'}
          </button>
        )}
        {seen && <span class="seen">Seen</span>}
        {error && (
          <p class="form-error small" role="alert">
            {error}
          </p>
        )}
      </div>
      {!deleted && !editing && (
        <div class="message-actions" role="toolbar" aria-label="Message actions">
          <button
            type="button"
            class="icon-button small"
            aria-label="Add a reaction"
            aria-expanded={picking}
            onClick={() => setPicking(!picking)}
          >
            <Icon name="smile" size={16} />
          </button>
          {!inThread && (
            <button
              type="button"
              class="icon-button small"
              aria-label="Reply in thread"
              onClick={() => void model.openThread(message.messageId)}
            >
              <Icon name="thread" size={16} />
            </button>
          )}
          {mine && (
            <button
              type="button"
              class="icon-button small"
              aria-label="Edit message"
              onClick={() => {
                setDraft(message.text);
                setEditing(true);
              }}
            >
              <Icon name="edit" size={16} />
            </button>
          )}
          {(mine || canModerate) && (
            <button
              type="button"
              class="icon-button small"
              aria-label="Delete message"
              onClick={() => {
                if (confirm('Delete this message?')) void act(() => model.remove(message.messageId));
              }}
            >
              <Icon name="trash" size={16} />
            </button>
          )}
          {picking && (
            <div class="reaction-picker" role="group" aria-label="Pick a reaction">
              {QUICK_REACTIONS.map((reaction) => (
                <button
                  key={reaction}
                  type="button"
                  class="icon-button small"
                  aria-label={`React with ${reaction}`}
                  onClick={() => {
                    setPicking(false);
                    void act(() => model.toggleReaction(message, reaction));
                  }}
                >
                  {reaction}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
    </article>
  );
}

/** A local echo: a send the server has not stored yet. */
export function PendingItem({
  store,
  pending,
  known,
}: {
  store: ChatStore;
  pending: PendingMessage;
  known: Set<string>;
}) {
  const me = store.me;
  return (
    <article
      class="message mine pending"
      aria-label="Your message, sending"
      data-pending={pending.clientMessageId}
    >
      <div class="gutter">{me && <Avatar id={me.userId} name={me.username} />}</div>
      <div class="bubble">
        <header class="message-head">
          <strong class="sender">{me?.username}</strong>
          <span class="status">{pending.status === 'sending' ? 'Sending…' : 'Waiting to retry…'}</span>
        </header>
        {pending.text && (
          <p class="text">
            <MessageText text={pending.text} store={store} known={known} />
          </p>
        )}
        {(pending.attachmentIds?.length ?? 0) > 0 && (
          <p class="muted small">With {pending.attachmentIds?.length} attachment(s)</p>
        )}
      </div>
    </article>
  );
}
