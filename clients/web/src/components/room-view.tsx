import type { Message } from '@chat/client';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { typingLabel, withDaySeparators } from '../lib/format';
import type { ChatStore } from '../model/chat-store';
import { useObservable } from '../model/observable';
import type { RoomModel } from '../model/room-model';
import { Icon, PresenceDot } from './common';
import { Composer } from './composer';
import { MessageItem, PendingItem } from './message';

/** Within this many pixels of the bottom, new messages keep the list scrolled to the bottom. */
const STICK_PX = 120;

function FailedSends({ model }: { model: RoomModel }) {
  return (
    <>
      {model.failed.map((f) => (
        <div key={f.id} class="failed-send" role="alert">
          <span>
            <strong>Not sent:</strong> “{f.text.length > 80 ? `${f.text.slice(0, 80)}…` : f.text}” ({f.reason}
            )
          </span>
          <span class="row">
            <button type="button" class="primary small" onClick={() => model.retry(f.id)}>
              Retry
            </button>
            <button type="button" class="small" onClick={() => model.discard(f.id)}>
              Discard
            </button>
          </span>
        </div>
      ))}
    </>
  );
}

function ThreadPanel({ store, model, known }: { store: ChatStore; model: RoomModel; known: Set<string> }) {
  const thread = model.thread;
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [thread?.replies.length]);
  if (!thread) return null;
  const parent = model.messages.find((m) => m.messageId === thread.parentId);
  return (
    <aside
      class="thread"
      aria-label="Thread"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) model.closeThread();
      }}
    >
      <header class="thread-head">
        <h2>Thread</h2>
        <button
          type="button"
          class="icon-button"
          aria-label="Close thread"
          onClick={() => model.closeThread()}
        >
          <Icon name="close" />
        </button>
      </header>
      <div class="thread-body" role="log" aria-live="polite" aria-label="Replies">
        {parent && (
          <MessageItem
            model={model}
            store={store}
            message={parent}
            continued={false}
            known={known}
            inThread
          />
        )}
        <div class="thread-divider">
          {thread.loading
            ? 'Loading replies…'
            : `${thread.replies.length} repl${thread.replies.length === 1 ? 'y' : 'ies'}`}
        </div>
        {thread.replies.map((reply) => (
          <MessageItem
            key={reply.messageId}
            model={model}
            store={store}
            message={reply}
            continued={false}
            known={known}
            inThread
          />
        ))}
        {model.threadPending.map((p) => (
          <PendingItem key={p.clientMessageId} store={store} pending={p} known={known} />
        ))}
        <div ref={end} />
      </div>
      <Composer model={model} threadId={thread.parentId} placeholder="Reply in thread" id="thread-composer" />
    </aside>
  );
}

/** The open room: its header, its messages (older ones load on scrolling up), who is typing, the composer. */
export function RoomView({ store, roomId, onBack }: { store: ChatStore; roomId: string; onBack(): void }) {
  const model = store.room(roomId);
  useObservable(model);
  const list = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const anchor = useRef<{ height: number; top: number } | undefined>(undefined);
  const [newBelow, setNewBelow] = useState(false);

  useEffect(() => {
    void model.load();
  }, [model]);

  const messages = model.messages;
  const known = useMemo(() => new Set(model.members.map((m) => m.username)), [model.members]);
  const rows = useMemo(
    () => withDaySeparators(messages, (m: Message) => m.senderId),
    [messages, messages.length],
  );
  const last = messages[messages.length - 1];

  // keep the view where it was when older messages are added above, else follow new ones at the bottom
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    if (anchor.current) {
      el.scrollTop = el.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = undefined;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    } else if (last && last.senderId !== store.myId) {
      setNewBelow(true);
    }
  }, [rows.length, model.pending.length, model.failed.length, messages[0]?.messageId]);

  // read up to the newest message while the room is on screen
  useEffect(() => {
    if (stick.current && document.visibilityState === 'visible') model.markRead();
  }, [last?.messageId]);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && stick.current && model.markRead();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [model]);

  const onScroll = () => {
    const el = list.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (stick.current) {
      setNewBelow(false);
      model.markRead();
    }
    if (el.scrollTop < 200 && model.room?.hasOlder && !model.loadingOlder) {
      anchor.current = { height: el.scrollHeight, top: el.scrollTop };
      const first = messages[0]?.messageId;
      void model.loadOlder().then(() => {
        if (model.messages[0]?.messageId === first) anchor.current = undefined;
      });
    }
  };

  const info = model.info;
  const room = store.rooms.find((r) => r.roomId === roomId);
  const isDm = (info?.kind ?? room?.kind) === 'dm';
  const title = room ? store.titleOf(room) : info ? store.titleOf(info) : '';
  const partner = store.dmPartner.get(roomId);
  const memberCount = model.members.length || info?.memberCount || 0;
  const onlineCount = model.members.filter((m) => store.presence.get(m.userId) === 'online').length;
  const typing = typingLabel(model.typingUserIds.map((id) => store.nameOf(id)));
  // a DM shows "Seen" under the reader's last message the other member has read
  const partnerSeq = partner ? model.readSeq.get(partner) : undefined;
  const lastMine = [...messages].reverse().find((m) => m.senderId === store.myId && !m.deletedAt);
  const seenId =
    isDm && lastMine && partnerSeq !== undefined && (lastMine.seq ?? 0) <= partnerSeq
      ? lastMine.messageId
      : undefined;

  return (
    <div class={`room${model.thread ? ' with-thread' : ''}`}>
      <section class="conversation" aria-labelledby="room-title">
        <header class="room-head">
          <button type="button" class="icon-button back" aria-label="Back to rooms" onClick={onBack}>
            <Icon name="back" />
          </button>
          <div class="room-head-text">
            <h1 id="room-title">
              {isDm ? (
                <>
                  <PresenceDot status={partner ? store.presence.get(partner) : undefined} /> {title}
                </>
              ) : (
                <># {title}</>
              )}
            </h1>
            <p class="muted small">
              {isDm
                ? partner && store.presence.get(partner) === 'online'
                  ? 'Online'
                  : 'Offline'
                : [
                    info?.topic,
                    `${memberCount} member${memberCount === 1 ? '' : 's'}`,
                    onlineCount ? `${onlineCount} online` : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
            </p>
          </div>
        </header>
        <div
          class="messages"
          ref={list}
          onScroll={onScroll}
          role="log"
          aria-live="polite"
          aria-relevant="additions"
          aria-label={`Messages in ${title}`}
          tabIndex={0}
        >
          {model.error && (
            <p class="banner error" role="alert">
              {model.error}
            </p>
          )}
          {model.room && !model.room.hasOlder && (
            <div class="room-start">
              <h2>
                {isDm ? `This is the start of your conversation with ${title}.` : `Welcome to # ${title}`}
              </h2>
              {!isDm && info?.topic && <p class="muted">{info.topic}</p>}
            </div>
          )}
          {model.loadingOlder && (
            <p class="loading-older" role="status">
              Loading older messages…
            </p>
          )}
          {!model.room && !model.error && (
            <p class="loading-older" role="status">
              Loading messages…
            </p>
          )}
          {rows.map((row) =>
            row.kind === 'day' ? (
              <div key={`day-${row.key}`} class="day-separator" role="separator" aria-label={row.label}>
                <span>{row.label}</span>
              </div>
            ) : (
              <MessageItem
                key={row.item.messageId}
                model={model}
                store={store}
                message={row.item}
                continued={row.continued}
                known={known}
                seen={row.item.messageId === seenId}
              />
            ),
          )}
          {model.pending.map((p) => (
            <PendingItem key={p.clientMessageId} store={store} pending={p} known={known} />
          ))}
          <FailedSends model={model} />
        </div>
        {newBelow && (
          <button
            type="button"
            class="new-below"
            onClick={() => {
              const el = list.current;
              if (el) el.scrollTop = el.scrollHeight;
              setNewBelow(false);
            }}
          >
            New messages ↓
          </button>
        )}
        <p class="typing" aria-live="polite" data-testid="typing">
          {typing}
        </p>
        <Composer
          model={model}
          placeholder={isDm ? `Message ${title}` : `Message # ${title}`}
          id="composer"
        />
      </section>
      <ThreadPanel store={store} model={model} known={known} />
    </div>
  );
}
