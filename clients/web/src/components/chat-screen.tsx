import { useEffect, useState } from 'preact/hooks';
import { badgeLabel, connectionLabel, shortWhen } from '../lib/format';
import { previewLine } from '../lib/text';
import type { ChatStore } from '../model/chat-store';
import { useObservable } from '../model/observable';
import { Avatar, Icon, PresenceDot } from './common';
import { BrowseRoomsDialog, InboxDialog, NewDmDialog, NewRoomDialog, SearchDialog } from './dialogs';
import { RoomView } from './room-view';

type DialogName = 'new-room' | 'browse' | 'dm' | 'inbox' | 'search' | undefined;

const roomIdInPath = () => /^\/r\/([A-Za-z0-9_-]{1,128})$/.exec(location.pathname)?.[1];

/** The signed-in app: the room list beside the open room (one at a time on a phone). */
export function ChatScreen({
  store,
  startError,
  onLogout,
}: {
  store: ChatStore;
  startError: string | undefined;
  onLogout: () => Promise<void>;
}) {
  useObservable(store);
  const [dialog, setDialog] = useState<DialogName>();
  const active = store.activeRoomId;

  const open = (roomId: string | undefined, push = true) => {
    store.select(roomId);
    if (push) history.pushState(null, '', roomId ? `/r/${roomId}` : '/');
  };

  useEffect(() => {
    open(roomIdInPath(), false);
    const onPop = () => open(roomIdInPath(), false);
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [store]);

  const totalUnread = [...store.unread.values()].reduce((sum, u) => sum + u.count, 0);
  const rooms = store.rooms.filter((r) => r.kind === 'room');
  const dms = store.rooms.filter((r) => r.kind === 'dm');

  useEffect(() => {
    const room = store.rooms.find((r) => r.roomId === active);
    const title = room ? `${store.titleOf(room)} · Chat` : 'Chat';
    document.title = totalUnread > 0 ? `(${totalUnread}) ${title}` : title;
  }, [active, store.rooms, totalUnread]);

  // Alt+↑ / Alt+↓: the previous or next room of the list
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      const order = [...rooms, ...dms].map((r) => r.roomId);
      if (order.length === 0) return;
      event.preventDefault();
      const at = active ? order.indexOf(active) : -1;
      const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
      open(order[(next + order.length) % order.length]);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });
  const me = store.me;

  const roomButton = (room: (typeof store.rooms)[number]) => {
    const badge = store.unread.get(room.roomId);
    const title = store.titleOf(room);
    const partner = store.dmPartner.get(room.roomId);
    const label = badgeLabel(badge?.count ?? 0, badge?.capped);
    return (
      <li key={room.roomId}>
        <button
          type="button"
          class={`room-item${room.roomId === active ? ' active' : ''}${label ? ' has-unread' : ''}`}
          aria-current={room.roomId === active ? 'page' : undefined}
          onClick={() => open(room.roomId)}
          data-room-id={room.roomId}
        >
          <span class="room-icon">
            {room.kind === 'dm' ? (
              <>
                <Avatar id={partner ?? room.roomId} name={title} size={32} />
                <PresenceDot status={partner ? store.presence.get(partner) : undefined} />
              </>
            ) : (
              <span class="hash-icon" aria-hidden="true">
                #
              </span>
            )}
          </span>
          <span class="room-text">
            <span class="room-line">
              <span class="room-name">{title}</span>
              {room.lastMessage && <time class="room-when">{shortWhen(room.lastMessage.createdAt)}</time>}
            </span>
            <span class="room-line">
              <span class="room-preview">
                {previewLine(room.lastMessage, (id) => store.nameOf(id), store.myId, room.kind === 'dm')}
              </span>
              {label && (
                <span class="badge" aria-label={`${label} unread`}>
                  {label}
                </span>
              )}
            </span>
          </span>
        </button>
      </li>
    );
  };

  return (
    <div class={`shell${active ? ' room-open' : ''}`}>
      <aside class="sidebar" aria-label="Rooms and direct messages">
        <header class="sidebar-head">
          <div class="me">
            {me && <Avatar id={me.userId} name={me.username} size={34} />}
            <div class="me-text">
              <strong>{me?.displayName || me?.username || '…'}</strong>
              <span
                class={`conn conn-${store.connection}`}
                role="status"
                aria-live="polite"
                data-testid="connection"
              >
                <span class="conn-dot" aria-hidden="true" />
                {connectionLabel(store.connection)}
              </span>
            </div>
          </div>
          <div class="head-actions">
            <button
              type="button"
              class="icon-button"
              aria-label="Search messages"
              onClick={() => setDialog('search')}
            >
              <Icon name="search" />
            </button>
            <button
              type="button"
              class="icon-button"
              aria-label={`Notifications${store.unseenNotifications ? `, ${store.unseenNotifications} new` : ''}`}
              onClick={() => {
                store.markNotificationsSeen();
                setDialog('inbox');
              }}
            >
              <Icon name="bell" />
              {store.unseenNotifications > 0 && (
                <span class="dot-badge">{badgeLabel(store.unseenNotifications)}</span>
              )}
            </button>
            <button type="button" class="icon-button" aria-label="Sign out" onClick={() => void onLogout()}>
              <Icon name="logout" />
            </button>
          </div>
        </header>
        {startError && (
          <p class="banner error" role="alert">
            {startError}
          </p>
        )}
        <nav class="room-nav" aria-label="Rooms">
          <div class="section-head">
            <h2>Rooms</h2>
            <div>
              <button
                type="button"
                class="icon-button small"
                aria-label="Browse public rooms"
                onClick={() => setDialog('browse')}
              >
                <Icon name="compass" size={16} />
              </button>
              <button
                type="button"
                class="icon-button small"
                aria-label="Create a room"
                onClick={() => setDialog('new-room')}
              >
                <Icon name="plus" size={16} />
              </button>
            </div>
          </div>
          <ul class="room-list">{rooms.map(roomButton)}</ul>
          {store.roomsLoaded && rooms.length === 0 && (
            <p class="empty-hint">
              No rooms yet.{' '}
              <button type="button" class="link" onClick={() => setDialog('new-room')}>
                Create one
              </button>{' '}
              or{' '}
              <button type="button" class="link" onClick={() => setDialog('browse')}>
                browse
              </button>
              .
            </p>
          )}
          <div class="section-head">
            <h2>Direct messages</h2>
            <button
              type="button"
              class="icon-button small"
              aria-label="New direct message"
              onClick={() => setDialog('dm')}
            >
              <Icon name="plus" size={16} />
            </button>
          </div>
          <ul class="room-list">{dms.map(roomButton)}</ul>
        </nav>
        <p class="sr-only" aria-live="polite">
          {totalUnread > 0 ? `${totalUnread} unread messages` : ''}
        </p>
      </aside>
      <main class="main" aria-label="Conversation">
        {active ? (
          <RoomView key={active} store={store} roomId={active} onBack={() => open(undefined)} />
        ) : (
          <div class="welcome">
            <div class="welcome-card">
              <span class="brand-mark big" aria-hidden="true">
                #
              </span>
              <h1>Hello{me ? `, ${me.username}` : ''}</h1>
              <p class="muted">Pick a room on the left, or start something new.</p>
              <div class="welcome-actions">
                <button type="button" class="primary" onClick={() => setDialog('new-room')}>
                  Create a room
                </button>
                <button type="button" onClick={() => setDialog('browse')}>
                  Browse rooms
                </button>
                <button type="button" onClick={() => setDialog('dm')}>
                  Message someone
                </button>
              </div>
            </div>
          </div>
        )}
      </main>
      {dialog === 'new-room' && (
        <NewRoomDialog store={store} onClose={() => setDialog(undefined)} onOpen={open} />
      )}
      {dialog === 'browse' && (
        <BrowseRoomsDialog store={store} onClose={() => setDialog(undefined)} onOpen={open} />
      )}
      {dialog === 'dm' && <NewDmDialog store={store} onClose={() => setDialog(undefined)} onOpen={open} />}
      {dialog === 'inbox' && <InboxDialog store={store} onClose={() => setDialog(undefined)} onOpen={open} />}
      {dialog === 'search' && (
        <SearchDialog store={store} onClose={() => setDialog(undefined)} onOpen={open} />
      )}
    </div>
  );
}
