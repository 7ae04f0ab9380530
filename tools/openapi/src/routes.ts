import * as z from 'zod';
import { attachmentSchema, notificationSchema } from '@chat/events';
import {
  closeAccountBody,
  confirmBody,
  loginBody,
  logoutBody,
  refreshBody,
  registerBody,
  updateProfileBody,
} from '@chat/service-auth/src/domain/requests';
import {
  refreshedTokensResponse,
  registeredResponse,
  signInResponse,
  userResponse,
  userSearchResponse,
} from '@chat/service-auth/src/domain/responses';
import {
  addMemberBody,
  banBody,
  changeRoleBody,
  createRoomBody,
  openDirectMessageBody,
  updateRoomBody,
} from '@chat/service-rooms/src/domain/requests';
import {
  banPageResponse,
  blockPageResponse,
  memberPageResponse,
  lastMessageResponse,
  memberResponse,
  myRoomResponse,
  myRoomsResponse,
  roomPageResponse,
  roomResponse,
} from '@chat/service-rooms/src/domain/responses';
import {
  createAttachmentBody,
  editMessageBody,
  markReadBody,
  reportMessageBody,
  sendMessageBody,
} from '@chat/service-messaging/src/domain/requests';
import {
  changesResponse,
  downloadTicketResponse,
  messagePageResponse,
  messageResponse,
  receiptResponse,
  receiptsResponse,
  reportPageResponse,
  roomUnreadResponse,
  searchResultsResponse,
  unreadResponse,
  unreadsResponse,
  uploadTicketResponse,
} from '@chat/service-messaging/src/domain/responses';
import { preferencesBody, registerDeviceBody } from '@chat/service-notifications/src/domain/requests';
import {
  deviceResponse,
  notificationPageResponse,
  preferencesResponse,
} from '@chat/service-notifications/src/domain/responses';
import { presenceResponse, userPresenceResponse } from '@chat/service-realtime/src/domain/responses';

/**
 * Every REST route of the public contract, with the zod schemas its handler validates the body with and the
 * schemas of what it answers. docs/openapi.json and the client's types (clients/sdk/src/generated) are
 * generated from this table, so neither can drift from the services.
 */

/** A schema that becomes a named component (`#/components/schemas/<name>`, a type of that name in the client). */
export interface Named {
  name: string;
  schema: z.ZodType;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDoc {
  /** Also the name of the client's wrapper (`chat.api.<operationId>`). */
  operationId: string;
  method: Method;
  path: string;
  tag: 'auth' | 'users' | 'rooms' | 'messages' | 'presence' | 'notifications';
  summary: string;
  /** Takes `Authorization: Bearer <accessToken>`. */
  auth: boolean;
  body?: Named;
  /** Query parameters: an object of optional scalars (names as in the URL). */
  query?: z.ZodObject;
  /** Success statuses: a body schema, or `null` for no body (204, 202). */
  responses: Record<number, Named | null>;
}

const named = (name: string, schema: z.ZodType): Named => ({ name, schema });

const Room = named('Room', roomResponse);
const Message = named('Message', messageResponse);
const User = named('User', userResponse);
const Member = named('Member', memberResponse);
const Preferences = named('Preferences', preferencesResponse);

/** Shapes inside the answers that get a name of their own. */
export const components: Named[] = [
  named('Attachment', attachmentSchema),
  named('Notification', notificationSchema),
  named('MyRoom', myRoomResponse),
  named('LastMessage', lastMessageResponse),
  named('RoomUnread', roomUnreadResponse),
  named('Receipt', receiptResponse),
  named('UserPresence', userPresenceResponse),
];

const limit = (max: number) => z.number().int().min(1).max(max).optional();
const cursor = z.string().optional().describe('The `nextCursor` of the previous page.');
const messageId = z.string().optional();

export const routes: RouteDoc[] = [
  // auth
  {
    operationId: 'register',
    method: 'post',
    path: '/auth/register',
    tag: 'auth',
    summary: 'Create an account; 409 when the username or e-mail address is taken.',
    auth: false,
    body: named('RegisterRequest', registerBody),
    responses: { 201: named('Registered', registeredResponse) },
  },
  {
    operationId: 'confirm',
    method: 'post',
    path: '/auth/confirm',
    tag: 'auth',
    summary: 'Confirm an e-mail address (where the stage requires it; the local stage auto-confirms).',
    auth: false,
    body: named('ConfirmRequest', confirmBody),
    responses: { 204: null },
  },
  {
    operationId: 'login',
    method: 'post',
    path: '/auth/login',
    tag: 'auth',
    summary: 'Sign in; 401 alike for an unknown user and a wrong password.',
    auth: false,
    body: named('LoginRequest', loginBody),
    responses: { 200: named('SignIn', signInResponse) },
  },
  {
    operationId: 'refresh',
    method: 'post',
    path: '/auth/refresh',
    tag: 'auth',
    summary: 'New access and id tokens for a refresh token; 401 once logged out.',
    auth: false,
    body: named('RefreshRequest', refreshBody),
    responses: { 200: named('RefreshedTokens', refreshedTokensResponse) },
  },
  {
    operationId: 'logout',
    method: 'post',
    path: '/auth/logout',
    tag: 'auth',
    summary: "Refuse every token of the caller issued before, and close the caller's sockets.",
    auth: true,
    body: named('LogoutRequest', logoutBody),
    responses: { 204: null },
  },
  // users
  {
    operationId: 'getMe',
    method: 'get',
    path: '/users/me',
    tag: 'users',
    summary: "The caller's profile.",
    auth: true,
    responses: { 200: User },
  },
  {
    operationId: 'closeAccount',
    method: 'delete',
    path: '/users/me',
    tag: 'users',
    summary:
      'Close the account (the password again): tokens refused, sockets closed and login refused at once; every service then erases the user. 401 for a wrong password (nothing changes).',
    auth: true,
    body: named('CloseAccountRequest', closeAccountBody),
    responses: { 202: null },
  },
  {
    operationId: 'updateMe',
    method: 'patch',
    path: '/users/me',
    tag: 'users',
    summary: "Change the caller's display name.",
    auth: true,
    body: named('UpdateMeRequest', updateProfileBody),
    responses: { 200: User },
  },
  {
    operationId: 'searchUsers',
    method: 'get',
    path: '/users',
    tag: 'users',
    summary: 'Users whose username starts with `prefix` (mentions, DMs).',
    auth: true,
    query: z.object({ prefix: z.string().min(1).max(32), limit: limit(100) }),
    responses: { 200: named('UserSearch', userSearchResponse) },
  },
  // rooms
  {
    operationId: 'createRoom',
    method: 'post',
    path: '/rooms',
    tag: 'rooms',
    summary: 'Create a room; the caller becomes its owner.',
    auth: true,
    body: named('CreateRoomRequest', createRoomBody),
    responses: { 201: Room },
  },
  {
    operationId: 'listRooms',
    method: 'get',
    path: '/rooms',
    tag: 'rooms',
    summary: 'Public rooms, a page at a time.',
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('RoomPage', roomPageResponse) },
  },
  {
    operationId: 'listMyRooms',
    method: 'get',
    path: '/rooms/mine',
    tag: 'rooms',
    summary: 'Rooms and DMs the caller belongs to, most recent activity first.',
    auth: true,
    responses: { 200: named('MyRooms', myRoomsResponse) },
  },
  {
    operationId: 'getRoom',
    method: 'get',
    path: '/rooms/{roomId}',
    tag: 'rooms',
    summary: 'One room; 404 for a private room the caller is not in.',
    auth: true,
    responses: { 200: Room },
  },
  {
    operationId: 'updateRoom',
    method: 'patch',
    path: '/rooms/{roomId}',
    tag: 'rooms',
    summary: "Change a room's name or topic (owner or admin).",
    auth: true,
    body: named('UpdateRoomRequest', updateRoomBody),
    responses: { 200: Room },
  },
  {
    operationId: 'addMember',
    method: 'post',
    path: '/rooms/{roomId}/members',
    tag: 'rooms',
    summary: '`{}` joins the caller; `{userId}` adds another user (owner or admin). Idempotent.',
    auth: true,
    body: named('AddMemberRequest', addMemberBody),
    responses: { 200: Member },
  },
  {
    operationId: 'banUser',
    method: 'put',
    path: '/rooms/{roomId}/bans/{userId}',
    tag: 'rooms',
    summary:
      'Ban a user from the room (owner or admin; never the owner; only the owner bans an admin): a member is removed; joins and invitations are refused until unbanned. The body may be left out.',
    auth: true,
    body: named('BanRequest', banBody),
    responses: { 204: null },
  },
  {
    operationId: 'unbanUser',
    method: 'delete',
    path: '/rooms/{roomId}/bans/{userId}',
    tag: 'rooms',
    summary: 'Lift a ban (owner or admin); idempotent.',
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'listBans',
    method: 'get',
    path: '/rooms/{roomId}/bans',
    tag: 'rooms',
    summary: "The room's bans in user id order (owner or admin).",
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('BanPage', banPageResponse) },
  },
  {
    operationId: 'removeMember',
    method: 'delete',
    path: '/rooms/{roomId}/members/{userId}',
    tag: 'rooms',
    summary: '`me` or the own id leaves; another id kicks (owner or admin).',
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'changeMemberRole',
    method: 'patch',
    path: '/rooms/{roomId}/members/{userId}',
    tag: 'rooms',
    summary: "Change a member's role (owner).",
    auth: true,
    body: named('ChangeMemberRoleRequest', changeRoleBody),
    responses: { 200: Member },
  },
  {
    operationId: 'listMembers',
    method: 'get',
    path: '/rooms/{roomId}/members',
    tag: 'rooms',
    summary: "A page of the room's members (members only).",
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('MemberPage', memberPageResponse) },
  },
  {
    operationId: 'openDm',
    method: 'post',
    path: '/dms',
    tag: 'rooms',
    summary: 'The DM room of the caller and another user (201 when new, 200 when it existed).',
    auth: true,
    body: named('OpenDmRequest', openDirectMessageBody),
    responses: { 200: Room, 201: Room },
  },
  {
    operationId: 'blockUser',
    method: 'put',
    path: '/users/me/blocks/{userId}',
    tag: 'rooms',
    summary:
      'Block a user (idempotent): they can no longer open or post in a DM with the caller, who gets no notification from them.',
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'unblockUser',
    method: 'delete',
    path: '/users/me/blocks/{userId}',
    tag: 'rooms',
    summary: 'Lift a block (idempotent).',
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'listBlocks',
    method: 'get',
    path: '/users/me/blocks',
    tag: 'rooms',
    summary: 'The users the caller blocked, in userId order, a page at a time.',
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('BlockPage', blockPageResponse) },
  },
  // messages
  {
    operationId: 'sendMessage',
    method: 'post',
    path: '/rooms/{roomId}/messages',
    tag: 'messages',
    summary: 'Store a message (201); the same clientMessageId again answers 200 with the same message.',
    auth: true,
    body: named('SendMessageRequest', sendMessageBody),
    responses: { 200: Message, 201: Message },
  },
  {
    operationId: 'listMessages',
    method: 'get',
    path: '/rooms/{roomId}/messages',
    tag: 'messages',
    summary:
      'History: newest first, `before=<messageId>` older ones, `after=<messageId>` newer ones oldest first.',
    auth: true,
    query: z.object({ limit: limit(100), before: messageId, after: messageId }),
    responses: { 200: named('MessagePage', messagePageResponse) },
  },
  {
    operationId: 'listChanges',
    method: 'get',
    path: '/rooms/{roomId}/changes',
    tag: 'messages',
    summary: 'Every message whose latest change has a version above `since`, ascending by version.',
    auth: true,
    query: z.object({ since: z.number().int().min(0).optional(), limit: limit(200) }),
    responses: { 200: named('Changes', changesResponse) },
  },
  {
    operationId: 'editMessage',
    method: 'patch',
    path: '/rooms/{roomId}/messages/{messageId}',
    tag: 'messages',
    summary: "Edit a message's text (sender only).",
    auth: true,
    body: named('EditMessageRequest', editMessageBody),
    responses: { 200: Message },
  },
  {
    operationId: 'deleteMessage',
    method: 'delete',
    path: '/rooms/{roomId}/messages/{messageId}',
    tag: 'messages',
    summary: 'Delete a message (sender, owner or admin): it stays as a tombstone.',
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'addReaction',
    method: 'put',
    path: '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}',
    tag: 'messages',
    summary: 'React to a message: `reaction` (URL-encoded) is one emoji or a `:shortcode:`; idempotent.',
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'removeReaction',
    method: 'delete',
    path: '/rooms/{roomId}/messages/{messageId}/reactions/{reaction}',
    tag: 'messages',
    summary: "Take one's reaction back; idempotent.",
    auth: true,
    responses: { 204: null },
  },
  {
    operationId: 'reportMessage',
    method: 'post',
    path: '/rooms/{roomId}/messages/{messageId}/reports',
    tag: 'messages',
    summary: 'Report a message to the room owner and admins (members; once per reporter and message).',
    auth: true,
    body: named('ReportRequest', reportMessageBody),
    responses: { 202: null },
  },
  {
    operationId: 'listReports',
    method: 'get',
    path: '/rooms/{roomId}/reports',
    tag: 'messages',
    summary: "The room's reports, newest first (owner or admin).",
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('ReportPage', reportPageResponse) },
  },
  {
    operationId: 'listReplies',
    method: 'get',
    path: '/rooms/{roomId}/messages/{messageId}/replies',
    tag: 'messages',
    summary: 'A thread: the replies to a message, paged as history.',
    auth: true,
    query: z.object({ limit: limit(100), before: messageId, after: messageId }),
    responses: { 200: named('MessagePage', messagePageResponse) },
  },
  {
    operationId: 'searchRoom',
    method: 'get',
    path: '/rooms/{roomId}/search',
    tag: 'messages',
    summary: 'Messages of the room holding every word of `q` (the last one as a prefix), newest first.',
    auth: true,
    query: z.object({ q: z.string().min(1).max(100), limit: limit(50), cursor }),
    responses: { 200: named('SearchResults', searchResultsResponse) },
  },
  {
    operationId: 'searchMyRooms',
    method: 'get',
    path: '/search',
    tag: 'messages',
    summary: "The same search across the caller's current rooms.",
    auth: true,
    query: z.object({ q: z.string().min(1).max(100), limit: limit(50), cursor }),
    responses: { 200: named('SearchResults', searchResultsResponse) },
  },
  {
    operationId: 'createAttachment',
    method: 'post',
    path: '/rooms/{roomId}/attachments',
    tag: 'messages',
    summary: 'A presigned upload for a file to attach to a message.',
    auth: true,
    body: named('CreateAttachmentRequest', createAttachmentBody),
    responses: { 201: named('UploadTicket', uploadTicketResponse) },
  },
  {
    operationId: 'getAttachment',
    method: 'get',
    path: '/rooms/{roomId}/attachments/{attachmentId}',
    tag: 'messages',
    summary: 'A presigned download of an attachment (members only).',
    auth: true,
    responses: { 200: named('DownloadTicket', downloadTicketResponse) },
  },
  {
    operationId: 'markRead',
    method: 'put',
    path: '/rooms/{roomId}/read',
    tag: 'messages',
    summary: "Move the caller's read marker (never backwards).",
    auth: true,
    body: named('MarkReadRequest', markReadBody),
    responses: { 204: null },
  },
  {
    operationId: 'getUnread',
    method: 'get',
    path: '/rooms/{roomId}/unread',
    tag: 'messages',
    summary: "The caller's unread count in a room.",
    auth: true,
    responses: { 200: named('Unread', unreadResponse) },
  },
  {
    operationId: 'getUnreads',
    method: 'get',
    path: '/unread',
    tag: 'messages',
    summary: 'Unread counts of up to 100 rooms (comma-separated `roomIds`).',
    auth: true,
    query: z.object({ roomIds: z.string().min(1) }),
    responses: { 200: named('Unreads', unreadsResponse) },
  },
  {
    operationId: 'listReceipts',
    method: 'get',
    path: '/rooms/{roomId}/receipts',
    tag: 'messages',
    summary: "The room's read receipts (members only).",
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('Receipts', receiptsResponse) },
  },
  // presence and notifications
  {
    operationId: 'getPresence',
    method: 'get',
    path: '/presence',
    tag: 'presence',
    summary: 'Online status of 1 to 100 users (comma-separated `userIds`).',
    auth: true,
    query: z.object({ userIds: z.string().min(1) }),
    responses: { 200: named('Presence', presenceResponse) },
  },
  {
    operationId: 'listNotifications',
    method: 'get',
    path: '/notifications',
    tag: 'notifications',
    summary: "The caller's notifications, newest first.",
    auth: true,
    query: z.object({ limit: limit(100), cursor }),
    responses: { 200: named('NotificationPage', notificationPageResponse) },
  },
  {
    operationId: 'getPreferences',
    method: 'get',
    path: '/notifications/preferences',
    tag: 'notifications',
    summary: "The caller's notification preferences.",
    auth: true,
    responses: { 200: Preferences },
  },
  {
    operationId: 'putPreferences',
    method: 'put',
    path: '/notifications/preferences',
    tag: 'notifications',
    summary: "Replace the caller's notification preferences.",
    auth: true,
    body: named('PreferencesRequest', preferencesBody),
    responses: { 200: Preferences },
  },
  {
    operationId: 'registerDevice',
    method: 'post',
    path: '/notifications/devices',
    tag: 'notifications',
    summary: 'Register a push device (APNs or FCM).',
    auth: true,
    body: named('RegisterDeviceRequest', registerDeviceBody),
    responses: { 201: named('Device', deviceResponse) },
  },
];
