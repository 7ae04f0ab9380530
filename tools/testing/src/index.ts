export { eventually, EVENTUALLY_DEFAULTS, type EventuallyOptions } from './eventually';
export {
  freePort,
  freeStackPorts,
  LOCAL_CREDENTIALS,
  localStack,
  onStack,
  spawnStack,
  STACK_ENV,
  startStack,
  TEST_STACK_SETTINGS,
  type RunningStack,
  type SpawnedStack,
  type SpawnOptions,
  type StartStackOptions,
} from './stack';
export {
  api,
  as,
  authHeader,
  expectStatus,
  httpClient,
  stackApi,
  type ApiResponse,
  type ErrorBody,
  type HttpClient,
  type RequestOptions,
  type UserRequests,
} from './api';
export {
  loginUser,
  logOut,
  registerUser,
  signedInUser,
  signedInUsers,
  TEST_PASSWORD,
  uniqueUsername,
  type Credentials,
  type RegisteredUser,
  type SignedInUser,
} from './users';
export {
  aRoomWithMembers,
  createRoom,
  joinRoom,
  leaveRoom,
  openDm,
  postMessage,
  sendMessage,
  uniqueRoomName,
  type RoomBody,
  type RoomOverrides,
  type SentMessage,
  type TestRoom,
} from './rooms';
export { busEvents, handledBy, snsDeliveries, type BusEvent, type HandledOptions } from './events';
export {
  closeAllSockets,
  connect,
  openSocket,
  refusedStatus,
  stackSocketUrl,
  type Frame,
  type TestSocket,
} from './websocket';
export { stackDocumentClient } from './aws';
