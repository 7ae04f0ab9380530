import {
  GetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { activeMembership, type Membership } from './membership';
import { MEMBERSHIP_ATTRIBUTES, MEMBERSHIPS_INDEXES } from './names';

/** One page of ids, in key order. */
export interface MembershipPage {
  items: string[];
  /**
   * Where the next page starts (exclusive); undefined on the last page. Only the last page is short, but a full
   * page may have a `next` that leads to an empty one: page on `next`, not on the length.
   */
  next?: string;
}

export interface PageOptions {
  /** The id the previous page ended with (its `next`); undefined for the first page. */
  after?: string;
  /** Most ids in the page (at least 1). */
  limit: number;
}

/**
 * The one reader of the rooms service's memberships table (docs/decisions/003-membership-reads.md). Every answer
 * applies the same rule (`activeMembership`): an item marked for removal, or with no valid role, is not a member.
 */
export interface MembershipReader {
  /** The user's membership of the room, strongly consistent (a join that has returned is seen); or undefined. */
  membershipOf(roomId: string, userId: string): Promise<Membership | undefined>;
  /** Whether the user is a member of the room, strongly consistent. */
  isMember(roomId: string, userId: string): Promise<boolean>;
  /** The userIds of the room's members after `after`, in userId order, strongly consistent. */
  membersPage(roomId: string, options: PageOptions): Promise<MembershipPage>;
  /** The roomIds of the user's rooms and DMs after `after`, in roomId order (the `byUser` GSI: eventually consistent). */
  roomsPage(userId: string, options: PageOptions): Promise<MembershipPage>;
  /** username → userId for those of `usernames` that are members of the room (the `byUsername` LSI, consistent). */
  membersByUsername(roomId: string, usernames: readonly string[]): Promise<Map<string, string>>;
}

type Item = Record<string, unknown>;

const A = MEMBERSHIP_ATTRIBUTES;

/** Every read projects the attributes the rule and the answers need, and only those. */
const PROJECTION = {
  ProjectionExpression: '#roomId, #userId, #role, #removalReason',
  ExpressionAttributeNames: {
    '#roomId': A.roomId,
    '#userId': A.userId,
    '#role': A.role,
    '#removalReason': A.removalReason,
  },
};

/** A read-only reader of the memberships table `tableName` (GetItem and Query only; never Scan, never a write). */
export function membershipReader(client: DynamoDBDocumentClient, tableName: string): MembershipReader {
  async function membershipOf(roomId: string, userId: string): Promise<Membership | undefined> {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: { [A.roomId]: roomId, [A.userId]: userId },
        ...PROJECTION,
        ConsistentRead: true,
      }),
    );
    return activeMembership(Item);
  }

  /**
   * Up to `limit` ids (the `id` attribute) of the active memberships a Query finds after `start`. Items the rule
   * drops do not shorten the page: it reads on until the page is full or the Query is exhausted, and `next` is
   * where it stopped, so a caller that pages on `next` sees every member once.
   */
  async function activePage(
    query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
    start: Item | undefined,
    limit: number,
    id: typeof A.userId | typeof A.roomId,
  ): Promise<MembershipPage> {
    const items: string[] = [];
    let key = start;
    do {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          ...query,
          Limit: limit - items.length,
          ...(key === undefined ? {} : { ExclusiveStartKey: key }),
        }),
      );
      for (const item of Items) {
        const membership = activeMembership(item);
        if (membership) items.push(membership[id]);
      }
      key = LastEvaluatedKey;
    } while (key !== undefined && items.length < limit);
    const next = key?.[id];
    return typeof next === 'string' ? { items, next } : { items };
  }

  return {
    membershipOf,

    async isMember(roomId, userId) {
      return (await membershipOf(roomId, userId)) !== undefined;
    },

    membersPage(roomId, { after, limit }) {
      return activePage(
        {
          TableName: tableName,
          KeyConditionExpression: '#roomId = :roomId',
          ExpressionAttributeValues: { ':roomId': roomId },
          ...PROJECTION,
          ConsistentRead: true,
        },
        after === undefined ? undefined : { [A.roomId]: roomId, [A.userId]: after },
        limit,
        A.userId,
      );
    },

    roomsPage(userId, { after, limit }) {
      return activePage(
        {
          TableName: tableName,
          IndexName: MEMBERSHIPS_INDEXES.byUser,
          KeyConditionExpression: '#userId = :userId',
          ExpressionAttributeValues: { ':userId': userId },
          ...PROJECTION,
        },
        after === undefined ? undefined : { [A.userId]: userId, [A.roomId]: after },
        limit,
        A.roomId,
      );
    },

    async membersByUsername(roomId, usernames) {
      const found = await Promise.all(
        usernames.map(async (username) => {
          const { Items = [] } = await client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: MEMBERSHIPS_INDEXES.byUsername,
              KeyConditionExpression: '#roomId = :roomId AND #username = :username',
              ExpressionAttributeValues: { ':roomId': roomId, ':username': username },
              ProjectionExpression: PROJECTION.ProjectionExpression,
              ExpressionAttributeNames: { ...PROJECTION.ExpressionAttributeNames, '#username': A.username },
              ConsistentRead: true,
            }),
          );
          const member = Items.map(activeMembership).find((membership) => membership !== undefined);
          return member ? ([username, member.userId] as const) : undefined;
        }),
      );
      return new Map(found.filter((entry) => entry !== undefined));
    },
  };
}
