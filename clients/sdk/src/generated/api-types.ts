// Generated from docs/openapi.json by tools/openapi (npm run docs:openapi): do not edit by hand.

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
}

export interface ConfirmRequest {
  username: string;
  code: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface LogoutRequest {
  refreshToken?: string;
}

export interface CloseAccountRequest {
  password: string;
}

export interface UpdateMeRequest {
  displayName: string;
}

export interface CreateRoomRequest {
  name: string;
  visibility: 'public' | 'private';
  topic?: string;
}

export interface UpdateRoomRequest {
  name?: string;
  topic?: string;
}

export interface AddMemberRequest {
  userId?: string;
}

export interface BanRequest {
  reason?: string | null;
}

export interface ChangeMemberRoleRequest {
  role: 'admin' | 'member';
}

export interface OpenDmRequest {
  userId: string;
}

export interface SendMessageRequest {
  text?: string;
  clientMessageId?: string;
  attachmentIds?: string[];
  threadId?: string;
}

export interface EditMessageRequest {
  text: string;
}

export interface ReportRequest {
  reason: 'spam' | 'abuse' | 'other';
  note?: string | null;
}

export interface CreateAttachmentRequest {
  fileName: string;
  contentType: string;
  size: number;
}

export interface MarkReadRequest {
  messageId: string;
}

export interface PreferencesRequest {
  email: boolean;
  push: boolean;
  mutedRoomIds: string[];
}

export interface RegisterDeviceRequest {
  platform: 'apns' | 'fcm';
  token: string;
}

export interface Registered {
  userId: string;
  username: string;
}

export interface SignIn {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
  refreshToken: string;
}

export interface RefreshedTokens {
  accessToken: string;
  idToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface User {
  userId: string;
  username: string;
  displayName: string;
  createdAt: string;
}

export interface UserSearch {
  items: User[];
}

export interface Room {
  roomId: string;
  kind: 'room' | 'dm';
  name: string;
  topic: string;
  visibility: 'public' | 'private';
  ownerId: string;
  memberCount: number;
  createdAt: string;
}

export interface RoomPage {
  items: Room[];
  nextCursor: string | null;
}

export interface MyRooms {
  items: MyRoom[];
}

export interface Member {
  roomId: string;
  userId: string;
  username: string;
  role: 'owner' | 'admin' | 'member';
  joinedAt: string;
}

export interface BanPage {
  items: Array<{
    userId: string;
    bannedBy: string;
    reason: string | null;
    createdAt: string;
  }>;
  nextCursor: string | null;
}

export interface MemberPage {
  items: Member[];
  nextCursor: string | null;
}

export interface BlockPage {
  items: Array<{
    userId: string;
    createdAt: string;
  }>;
  nextCursor: string | null;
}

export interface Message {
  roomId: string;
  messageId: string;
  senderId: string;
  text: string;
  mentions: string[];
  attachments: Attachment[];
  clientMessageId?: string;
  createdAt: string;
  editedAt?: string;
  deletedAt?: string;
  seq?: number;
  version?: number;
  reactions?: Array<{
    reaction: string;
    count: number;
    userIds: string[];
  }>;
  threadId?: string;
  thread?: {
    replyCount: number;
    lastReplyAt: string;
    participantIds: string[];
  };
}

export interface MessagePage {
  items: Message[];
  nextCursor: string | null;
}

export interface Changes {
  items: Message[];
  version: number;
  nextSince: number | null;
}

export interface ReportPage {
  items: Array<{
    reportId: string;
    messageId: string;
    senderId: string;
    reporterId: string;
    reason: 'spam' | 'abuse' | 'other';
    note: string | null;
    createdAt: string;
  }>;
  nextCursor: string | null;
}

export interface SearchResults {
  items: Message[];
  nextCursor: string | null;
}

export interface UploadTicket {
  attachmentId: string;
  uploadUrl: string;
  uploadHeaders: Record<string, string>;
  expiresAt: string;
}

export interface DownloadTicket {
  downloadUrl: string;
  fileName: string;
  contentType: string;
  size: number;
  expiresAt: string;
}

export interface Unread {
  count: number;
  lastReadMessageId: string | null;
  capped: boolean;
}

export interface Unreads {
  items: RoomUnread[];
}

export interface Receipts {
  items: Receipt[];
  nextCursor: string | null;
}

export interface Presence {
  items: UserPresence[];
}

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
}

export interface Preferences {
  email: boolean;
  push: boolean;
  mutedRoomIds: string[];
}

export interface Device {
  deviceId: string;
}

export interface Attachment {
  attachmentId: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface Notification {
  notificationId: string;
  kind: 'mention' | 'dm' | 'reply';
  roomId: string;
  messageId: string;
  fromUserId: string;
  preview: string;
  createdAt: string;
}

export interface MyRoom {
  roomId: string;
  kind: 'room' | 'dm';
  name: string;
  topic: string;
  visibility: 'public' | 'private';
  ownerId: string;
  memberCount: number;
  createdAt: string;
  lastMessage: LastMessage | null;
  lastActivityAt: string | null;
}

export interface LastMessage {
  messageId: string;
  seq: number | null;
  senderId: string;
  preview: string;
  createdAt: string;
}

export interface RoomUnread {
  count: number;
  lastReadMessageId: string | null;
  capped: boolean;
  roomId: string;
}

export interface Receipt {
  userId: string;
  lastReadMessageId: string;
  lastReadSeq: number | null;
  readAt: string;
}

export interface UserPresence {
  userId: string;
  status: 'online' | 'offline';
  lastSeenAt: string | null;
}

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: Array<{
      field: string;
      message: string;
    }>;
  };
}

export interface SearchUsersQuery {
  prefix: string;
  limit?: number;
}

export interface ListRoomsQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListMembersQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListBansQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListBlocksQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListMessagesQuery {
  limit?: number;
  before?: string;
  after?: string;
}

export interface ListChangesQuery {
  since?: number;
  limit?: number;
}

export interface ListReportsQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListRepliesQuery {
  limit?: number;
  before?: string;
  after?: string;
}

export interface SearchRoomQuery {
  q: string;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface SearchMyRoomsQuery {
  q: string;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface GetUnreadsQuery {
  roomIds: string;
}

export interface ListReceiptsQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface GetPresenceQuery {
  userIds: string;
}

export interface ListNotificationsQuery {
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** Every REST operation of the contract: its method, path, body, query and success answer. */
export interface Operations {
  register: {
    method: 'POST';
    path: '/auth/register';
    body: RegisterRequest;
    query: undefined;
    response: Registered;
  };
  confirm: {
    method: 'POST';
    path: '/auth/confirm';
    body: ConfirmRequest;
    query: undefined;
    response: void;
  };
  login: {
    method: 'POST';
    path: '/auth/login';
    body: LoginRequest;
    query: undefined;
    response: SignIn;
  };
  refresh: {
    method: 'POST';
    path: '/auth/refresh';
    body: RefreshRequest;
    query: undefined;
    response: RefreshedTokens;
  };
  logout: {
    method: 'POST';
    path: '/auth/logout';
    body: LogoutRequest;
    query: undefined;
    response: void;
  };
  getMe: {
    method: 'GET';
    path: '/users/me';
    body: undefined;
    query: undefined;
    response: User;
  };
  closeAccount: {
    method: 'DELETE';
    path: '/users/me';
    body: CloseAccountRequest;
    query: undefined;
    response: void;
  };
  updateMe: {
    method: 'PATCH';
    path: '/users/me';
    body: UpdateMeRequest;
    query: undefined;
    response: User;
  };
  searchUsers: {
    method: 'GET';
    path: '/users';
    body: undefined;
    query: SearchUsersQuery;
    response: UserSearch;
  };
  createRoom: {
    method: 'POST';
    path: '/rooms';
    body: CreateRoomRequest;
    query: undefined;
    response: Room;
  };
  listRooms: {
    method: 'GET';
    path: '/rooms';
    body: undefined;
    query: ListRoomsQuery;
    response: RoomPage;
  };
  listMyRooms: {
    method: 'GET';
    path: '/rooms/mine';
    body: undefined;
    query: undefined;
    response: MyRooms;
  };
  getRoom: {
    method: 'GET';
    path: '/rooms/{roomId}';
    body: undefined;
    query: undefined;
    response: Room;
  };
  updateRoom: {
    method: 'PATCH';
    path: '/rooms/{roomId}';
    body: UpdateRoomRequest;
    query: undefined;
    response: Room;
  };
  addMember: {
    method: 'POST';
    path: '/rooms/{roomId}/members';
    body: AddMemberRequest;
    query: undefined;
    response: Member;
  };
  listMembers: {
    method: 'GET';
    path: '/rooms/{roomId}/members';
    body: undefined;
    query: ListMembersQuery;
    response: MemberPage;
  };
  banUser: {
    method: 'PUT';
    path: '/rooms/{roomId}/bans/{userId}';
    body: BanRequest;
    query: undefined;
    response: void;
  };
  unbanUser: {
    method: 'DELETE';
    path: '/rooms/{roomId}/bans/{userId}';
    body: undefined;
    query: undefined;
    response: void;
  };
  listBans: {
    method: 'GET';
    path: '/rooms/{roomId}/bans';
    body: undefined;
    query: ListBansQuery;
    response: BanPage;
  };
  removeMember: {
    method: 'DELETE';
    path: '/rooms/{roomId}/members/{userId}';
    body: undefined;
    query: undefined;
    response: void;
  };
  changeMemberRole: {
    method: 'PATCH';
    path: '/rooms/{roomId}/members/{userId}';
    body: ChangeMemberRoleRequest;
    query: undefined;
    response: Member;
  };
  openDm: {
    method: 'POST';
    path: '/dms';
    body: OpenDmRequest;
    query: undefined;
    response: Room;
  };
  blockUser: {
    method: 'PUT';
    path: '/users/me/blocks/{userId}';
    body: undefined;
    query: undefined;
    response: void;
  };
  unblockUser: {
    method: 'DELETE';
    path: '/users/me/blocks/{userId}';
    body: undefined;
    query: undefined;
    response: void;
  };
  listBlocks: {
    method: 'GET';
    path: '/users/me/blocks';
    body: undefined;
    query: ListBlocksQuery;
    response: BlockPage;
  };
  sendMessage: {
    method: 'POST';
    path: '/rooms/{roomId}/messages';
    body: SendMessageRequest;
    query: undefined;
    response: Message;
  };
  listMessages: {
    method: 'GET';
    path: '/rooms/{roomId}/messages';
    body: undefined;
    query: ListMessagesQuery;
    response: MessagePage;
  };
  listChanges: {
    method: 'GET';
    path: '/rooms/{roomId}/changes';
    body: undefined;
    query: ListChangesQuery;
    response: Changes;
  };
  editMessage: {
    method: 'PATCH';
    path: '/rooms/{roomId}/messages/{messageId}';
    body: EditMessageRequest;
    query: undefined;
    response: Message;
  };
  deleteMessage: {
    method: 'DELETE';
    path: '/rooms/{roomId}/messages/{messageId}';
    body: undefined;
    query: undefined;
    response: void;
  };
  addReaction: {
    method: 'PUT';
    path: '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}';
    body: undefined;
    query: undefined;
    response: void;
  };
  removeReaction: {
    method: 'DELETE';
    path: '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}';
    body: undefined;
    query: undefined;
    response: void;
  };
  reportMessage: {
    method: 'POST';
    path: '/rooms/{roomId}/messages/{messageId}/reports';
    body: ReportRequest;
    query: undefined;
    response: void;
  };
  listReports: {
    method: 'GET';
    path: '/rooms/{roomId}/reports';
    body: undefined;
    query: ListReportsQuery;
    response: ReportPage;
  };
  listReplies: {
    method: 'GET';
    path: '/rooms/{roomId}/messages/{messageId}/replies';
    body: undefined;
    query: ListRepliesQuery;
    response: MessagePage;
  };
  searchRoom: {
    method: 'GET';
    path: '/rooms/{roomId}/search';
    body: undefined;
    query: SearchRoomQuery;
    response: SearchResults;
  };
  searchMyRooms: {
    method: 'GET';
    path: '/search';
    body: undefined;
    query: SearchMyRoomsQuery;
    response: SearchResults;
  };
  createAttachment: {
    method: 'POST';
    path: '/rooms/{roomId}/attachments';
    body: CreateAttachmentRequest;
    query: undefined;
    response: UploadTicket;
  };
  getAttachment: {
    method: 'GET';
    path: '/rooms/{roomId}/attachments/{attachmentId}';
    body: undefined;
    query: undefined;
    response: DownloadTicket;
  };
  markRead: {
    method: 'PUT';
    path: '/rooms/{roomId}/read';
    body: MarkReadRequest;
    query: undefined;
    response: void;
  };
  getUnread: {
    method: 'GET';
    path: '/rooms/{roomId}/unread';
    body: undefined;
    query: undefined;
    response: Unread;
  };
  getUnreads: {
    method: 'GET';
    path: '/unread';
    body: undefined;
    query: GetUnreadsQuery;
    response: Unreads;
  };
  listReceipts: {
    method: 'GET';
    path: '/rooms/{roomId}/receipts';
    body: undefined;
    query: ListReceiptsQuery;
    response: Receipts;
  };
  getPresence: {
    method: 'GET';
    path: '/presence';
    body: undefined;
    query: GetPresenceQuery;
    response: Presence;
  };
  listNotifications: {
    method: 'GET';
    path: '/notifications';
    body: undefined;
    query: ListNotificationsQuery;
    response: NotificationPage;
  };
  getPreferences: {
    method: 'GET';
    path: '/notifications/preferences';
    body: undefined;
    query: undefined;
    response: Preferences;
  };
  putPreferences: {
    method: 'PUT';
    path: '/notifications/preferences';
    body: PreferencesRequest;
    query: undefined;
    response: Preferences;
  };
  registerDevice: {
    method: 'POST';
    path: '/notifications/devices';
    body: RegisterDeviceRequest;
    query: undefined;
    response: Device;
  };
}

/** How to call each operation: its method and path, and whether it takes a body or a query. */
export const OPERATIONS = {
  register: { method: 'POST', path: '/auth/register', body: true, query: false, auth: false },
  confirm: { method: 'POST', path: '/auth/confirm', body: true, query: false, auth: false },
  login: { method: 'POST', path: '/auth/login', body: true, query: false, auth: false },
  refresh: { method: 'POST', path: '/auth/refresh', body: true, query: false, auth: false },
  logout: { method: 'POST', path: '/auth/logout', body: true, query: false, auth: true },
  getMe: { method: 'GET', path: '/users/me', body: false, query: false, auth: true },
  closeAccount: { method: 'DELETE', path: '/users/me', body: true, query: false, auth: true },
  updateMe: { method: 'PATCH', path: '/users/me', body: true, query: false, auth: true },
  searchUsers: { method: 'GET', path: '/users', body: false, query: true, auth: true },
  createRoom: { method: 'POST', path: '/rooms', body: true, query: false, auth: true },
  listRooms: { method: 'GET', path: '/rooms', body: false, query: true, auth: true },
  listMyRooms: { method: 'GET', path: '/rooms/mine', body: false, query: false, auth: true },
  getRoom: { method: 'GET', path: '/rooms/{roomId}', body: false, query: false, auth: true },
  updateRoom: { method: 'PATCH', path: '/rooms/{roomId}', body: true, query: false, auth: true },
  addMember: { method: 'POST', path: '/rooms/{roomId}/members', body: true, query: false, auth: true },
  listMembers: { method: 'GET', path: '/rooms/{roomId}/members', body: false, query: true, auth: true },
  banUser: { method: 'PUT', path: '/rooms/{roomId}/bans/{userId}', body: true, query: false, auth: true },
  unbanUser: {
    method: 'DELETE',
    path: '/rooms/{roomId}/bans/{userId}',
    body: false,
    query: false,
    auth: true,
  },
  listBans: { method: 'GET', path: '/rooms/{roomId}/bans', body: false, query: true, auth: true },
  removeMember: {
    method: 'DELETE',
    path: '/rooms/{roomId}/members/{userId}',
    body: false,
    query: false,
    auth: true,
  },
  changeMemberRole: {
    method: 'PATCH',
    path: '/rooms/{roomId}/members/{userId}',
    body: true,
    query: false,
    auth: true,
  },
  openDm: { method: 'POST', path: '/dms', body: true, query: false, auth: true },
  blockUser: { method: 'PUT', path: '/users/me/blocks/{userId}', body: false, query: false, auth: true },
  unblockUser: { method: 'DELETE', path: '/users/me/blocks/{userId}', body: false, query: false, auth: true },
  listBlocks: { method: 'GET', path: '/users/me/blocks', body: false, query: true, auth: true },
  sendMessage: { method: 'POST', path: '/rooms/{roomId}/messages', body: true, query: false, auth: true },
  listMessages: { method: 'GET', path: '/rooms/{roomId}/messages', body: false, query: true, auth: true },
  listChanges: { method: 'GET', path: '/rooms/{roomId}/changes', body: false, query: true, auth: true },
  editMessage: {
    method: 'PATCH',
    path: '/rooms/{roomId}/messages/{messageId}',
    body: true,
    query: false,
    auth: true,
  },
  deleteMessage: {
    method: 'DELETE',
    path: '/rooms/{roomId}/messages/{messageId}',
    body: false,
    query: false,
    auth: true,
  },
  addReaction: {
    method: 'PUT',
    path: '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}',
    body: false,
    query: false,
    auth: true,
  },
  removeReaction: {
    method: 'DELETE',
    path: '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}',
    body: false,
    query: false,
    auth: true,
  },
  reportMessage: {
    method: 'POST',
    path: '/rooms/{roomId}/messages/{messageId}/reports',
    body: true,
    query: false,
    auth: true,
  },
  listReports: { method: 'GET', path: '/rooms/{roomId}/reports', body: false, query: true, auth: true },
  listReplies: {
    method: 'GET',
    path: '/rooms/{roomId}/messages/{messageId}/replies',
    body: false,
    query: true,
    auth: true,
  },
  searchRoom: { method: 'GET', path: '/rooms/{roomId}/search', body: false, query: true, auth: true },
  searchMyRooms: { method: 'GET', path: '/search', body: false, query: true, auth: true },
  createAttachment: {
    method: 'POST',
    path: '/rooms/{roomId}/attachments',
    body: true,
    query: false,
    auth: true,
  },
  getAttachment: {
    method: 'GET',
    path: '/rooms/{roomId}/attachments/{attachmentId}',
    body: false,
    query: false,
    auth: true,
  },
  markRead: { method: 'PUT', path: '/rooms/{roomId}/read', body: true, query: false, auth: true },
  getUnread: { method: 'GET', path: '/rooms/{roomId}/unread', body: false, query: false, auth: true },
  getUnreads: { method: 'GET', path: '/unread', body: false, query: true, auth: true },
  listReceipts: { method: 'GET', path: '/rooms/{roomId}/receipts', body: false, query: true, auth: true },
  getPresence: { method: 'GET', path: '/presence', body: false, query: true, auth: true },
  listNotifications: { method: 'GET', path: '/notifications', body: false, query: true, auth: true },
  getPreferences: {
    method: 'GET',
    path: '/notifications/preferences',
    body: false,
    query: false,
    auth: true,
  },
  putPreferences: { method: 'PUT', path: '/notifications/preferences', body: true, query: false, auth: true },
  registerDevice: { method: 'POST', path: '/notifications/devices', body: true, query: false, auth: true },
} as const;
