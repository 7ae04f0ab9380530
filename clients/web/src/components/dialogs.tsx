import type { Message, User } from '@chat/client';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { shortWhen } from '../lib/format';
import type { ChatStore } from '../model/chat-store';
import type { RoomInfo } from '../model/room-model';
import { errorText } from './auth';
import { Avatar, Icon } from './common';

interface DialogProps {
  store: ChatStore;
  onClose(): void;
  onOpen(roomId: string): void;
}

/** A modal `<dialog>`: focus moves into it, Escape closes it, focus goes back where it was. */
function Modal({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose(): void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => previous?.focus?.();
  }, []);
  return (
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby="modal-title"
      onClose={onClose}
      onClick={(event) => event.target === ref.current && onClose()}
    >
      <div class="modal-body">
        <header class="modal-head">
          <h2 id="modal-title">{title}</h2>
          <button type="button" class="icon-button" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function NewRoomDialog({ store, onClose, onOpen }: DialogProps) {
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const { busy, error, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const room = await store.chat.api.createRoom({
        name: name.trim(),
        visibility,
        ...(topic.trim() ? { topic: topic.trim() } : {}),
      });
      await store.added(room.roomId);
      onClose();
      onOpen(room.roomId);
    });
  };
  return (
    <Modal title="Create a room" onClose={onClose}>
      <form class="stack" onSubmit={submit}>
        <label>
          Name
          <input
            required
            maxLength={80}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            autoFocus
          />
        </label>
        <label>
          Topic <span class="muted">(optional)</span>
          <input maxLength={250} value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
        </label>
        <fieldset class="choice">
          <legend>Who can join</legend>
          <label class="inline">
            <input
              type="radio"
              name="visibility"
              checked={visibility === 'public'}
              onChange={() => setVisibility('public')}
            />
            Anyone (public)
          </label>
          <label class="inline">
            <input
              type="radio"
              name="visibility"
              checked={visibility === 'private'}
              onChange={() => setVisibility('private')}
            />
            Invited people only (private)
          </label>
        </fieldset>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="primary" disabled={busy || !name.trim()}>
            Create
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function BrowseRoomsDialog({ store, onClose, onOpen }: DialogProps) {
  const [rooms, setRooms] = useState<RoomInfo[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const { busy, error, run } = useAction();
  const load = (after?: string) =>
    run(async () => {
      const page = await store.chat.api.listRooms({ limit: 50, ...(after ? { cursor: after } : {}) });
      setRooms((known) => [...(after ? (known ?? []) : []), ...page.items]);
      setCursor(page.nextCursor);
    });
  useEffect(() => void load(), []);
  const mine = new Set(store.rooms.map((r) => r.roomId));
  const join = (roomId: string) =>
    run(async () => {
      if (!mine.has(roomId)) await store.chat.api.addMember(roomId, {});
      await store.added(roomId);
      onClose();
      onOpen(roomId);
    });
  return (
    <Modal title="Public rooms" onClose={onClose}>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {rooms === undefined ? (
        <p class="muted">Loading…</p>
      ) : rooms.length === 0 ? (
        <p class="muted">No public rooms yet.</p>
      ) : (
        <ul class="pick-list">
          {rooms.map((room) => (
            <li key={room.roomId}>
              <div class="pick-text">
                <strong># {room.name}</strong>
                <span class="muted">
                  {room.topic || 'No topic'} · {room.memberCount} member{room.memberCount === 1 ? '' : 's'}
                </span>
              </div>
              <button
                type="button"
                class={mine.has(room.roomId) ? '' : 'primary'}
                disabled={busy}
                onClick={() => void join(room.roomId)}
              >
                {mine.has(room.roomId) ? 'Open' : 'Join'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" class="wide" disabled={busy} onClick={() => void load(cursor)}>
          More rooms
        </button>
      )}
    </Modal>
  );
}

export function NewDmDialog({ store, onClose, onOpen }: DialogProps) {
  const [prefix, setPrefix] = useState('');
  const [users, setUsers] = useState<User[]>([]);
  const { busy, error, run } = useAction();
  useEffect(() => {
    const query = prefix.trim().toLowerCase();
    if (query.length < 1) {
      setUsers([]);
      return;
    }
    const timer = setTimeout(() => {
      store.chat.api.searchUsers({ prefix: query, limit: 10 }).then(
        ({ items }) => setUsers(items.filter((user) => user.userId !== store.myId)),
        () => setUsers([]),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [prefix]);
  const openDm = (user: User) =>
    run(async () => {
      store.rememberUsers([user]);
      const room = await store.chat.api.openDm({ userId: user.userId });
      store.dmPartner.set(room.roomId, user.userId);
      await store.added(room.roomId);
      onClose();
      onOpen(room.roomId);
    });
  return (
    <Modal title="New direct message" onClose={onClose}>
      <label>
        Username
        <input
          type="search"
          value={prefix}
          placeholder="Start typing a username"
          autoFocus
          aria-controls="dm-results"
          onInput={(e) => setPrefix(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <ul class="pick-list" id="dm-results" aria-live="polite">
        {users.map((user) => (
          <li key={user.userId}>
            <div class="pick-text row">
              <Avatar id={user.userId} name={user.username} size={28} />
              <strong>{user.username}</strong>
              {user.displayName && user.displayName !== user.username && (
                <span class="muted">{user.displayName}</span>
              )}
            </div>
            <button type="button" class="primary" disabled={busy} onClick={() => void openDm(user)}>
              Message
            </button>
          </li>
        ))}
        {prefix.trim() && users.length === 0 && <li class="muted">Nobody by that name yet.</li>}
      </ul>
    </Modal>
  );
}

const KIND_LABEL = { mention: 'mentioned you', dm: 'sent you a message', reply: 'replied to you' };

export function InboxDialog({ store, onClose, onOpen }: DialogProps) {
  const items = store.notifications;
  return (
    <Modal title="Notifications" onClose={onClose}>
      {items.length === 0 ? (
        <p class="muted">Nothing yet. Mentions, replies and direct messages show up here.</p>
      ) : (
        <ul class="pick-list inbox">
          {items.map((n) => (
            <li key={n.notificationId}>
              <button
                type="button"
                class="inbox-item"
                onClick={() => {
                  onClose();
                  onOpen(n.roomId);
                }}
              >
                <Avatar id={n.fromUserId} name={store.nameOf(n.fromUserId)} size={28} />
                <span class="pick-text">
                  <span>
                    <strong>{store.nameOf(n.fromUserId)}</strong> {KIND_LABEL[n.kind] ?? 'notified you'}
                  </span>
                  <span class="muted clamp">{n.preview}</span>
                </span>
                <time class="muted small">{shortWhen(n.createdAt)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}

export function SearchDialog({ store, onClose, onOpen }: DialogProps) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Message[]>();
  const { busy, error, run } = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    if (!q.trim()) return;
    void run(async () => {
      const page = await store.chat.api.searchMyRooms({ q: q.trim(), limit: 20 });
      setResults(page.items);
    });
  };
  const roomName = (roomId: string) => {
    const room = store.rooms.find((r) => r.roomId === roomId);
    return room ? store.titleOf(room) : 'a room';
  };
  return (
    <Modal title="Search messages" onClose={onClose}>
      <form class="row" onSubmit={submit} role="search">
        <label class="grow">
          <span class="sr-only">Words to find</span>
          <input
            type="search"
            value={q}
            maxLength={100}
            autoFocus
            placeholder="Words to find"
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy || !q.trim()}>
          Search
        </button>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {results && (
        <ul class="pick-list" aria-live="polite">
          {results.length === 0 && <li class="muted">No messages found.</li>}
          {results.map((m) => (
            <li key={m.messageId}>
              <button
                type="button"
                class="inbox-item"
                onClick={() => {
                  onClose();
                  onOpen(m.roomId);
                }}
              >
                <span class="pick-text">
                  <span>
                    <strong>{store.nameOf(m.senderId)}</strong>{' '}
                    <span class="muted">in {roomName(m.roomId)}</span>
                  </span>
                  <span class="clamp">{m.text}</span>
                </span>
                <time class="muted small">{shortWhen(m.createdAt)}</time>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
