/** Bodies of the rooms service's answers, as its integration tests read them (rooms themselves: `RoomBody`). */

export interface MemberBody {
  roomId: string;
  userId: string;
  username: string;
  role: 'owner' | 'admin' | 'member';
  joinedAt: string;
}

export interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}
