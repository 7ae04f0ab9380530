import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  closeAllSockets,
  connect,
  createRoom,
  eventually,
  joinRoom,
  loginUser,
  logOut,
  sendMessage,
  signedInUsers,
} from '@chat/testing';
import { closeDynamo, CONNECTIONS_TABLE, dynamo, fannedOut, PRESENCE_TABLE } from '../support/stack';

afterAll(async () => {
  await closeAllSockets();
  closeDynamo();
});

async function connectionIdsOf(userId: string): Promise<string[]> {
  const { Items = [] } = await dynamo().send(
    new QueryCommand({
      TableName: CONNECTIONS_TABLE,
      IndexName: 'byUserId',
      KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': userId },
    }),
  );
  return Items.map((item) => String(item.connectionId));
}

/** The connection ids the user's directory entry (the presence summary's `connectionIds`) holds. */
async function directoryOf(userId: string): Promise<string[]> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: PRESENCE_TABLE, Key: { userId, sk: 'presence' }, ConsistentRead: true }),
  );
  return [...((Item?.connectionIds as Set<string> | undefined) ?? [])];
}

describe('connection clean-up on the local stack', () => {
  it('deletes the record of a connection whose socket is gone (410) on the next fan-out to it', async () => {
    const [owner, member] = await signedInUsers(2);
    const { roomId } = await createRoom(owner!);
    await joinRoom(roomId, member!);
    const memberSocket = await connect(member!.accessToken);
    // A socket that vanished a while ago without a $disconnect: its record and directory entry remain.
    const deadConnectionId = `gone-${member!.userId}`;
    const tenMinutesAgo = new Date(Date.now() - 600_000).toISOString();
    await dynamo().send(
      new PutCommand({
        TableName: CONNECTIONS_TABLE,
        Item: {
          connectionId: deadConnectionId,
          userId: member!.userId,
          username: member!.username,
          connectedAt: tenMinutesAgo,
          lastActiveAt: tenMinutesAgo,
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );
    // As `$connect` does: the connection is in the user's directory entry, so fan-outs post to it.
    await dynamo().send(
      new UpdateCommand({
        TableName: PRESENCE_TABLE,
        Key: { userId: member!.userId, sk: 'presence' },
        UpdateExpression: 'ADD connectionIds :ids',
        ExpressionAttributeValues: { ':ids': new Set([deadConnectionId]) },
      }),
    );

    const message = await sendMessage(roomId, owner!, 'anyone there?');
    await fannedOut('MessageSent', (data) => data.messageId === message.messageId);
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: CONNECTIONS_TABLE,
        Key: { connectionId: deadConnectionId },
        ConsistentRead: true,
      }),
    );

    expect(Item).toBeUndefined();
    await memberSocket.next(
      'message.sent',
      (f) => (f.message as { messageId: string }).messageId === message.messageId,
    );
    expect(await connectionIdsOf(member!.userId)).toHaveLength(1);
    expect(await directoryOf(member!.userId)).toHaveLength(1);
    expect(await directoryOf(member!.userId)).not.toContain(deadConnectionId);
  });

  it('closes every socket of a user who logs out, and only theirs', async () => {
    const [leaving, staying] = await signedInUsers(2);
    const [phone, laptop, other] = await Promise.all([
      connect(leaving!.accessToken),
      connect(leaving!.accessToken),
      connect(staying!.accessToken),
    ]);

    await logOut(leaving!);
    const closes = await Promise.all([phone!.closed, laptop!.closed]);

    expect(closes.map((close) => close.code)).toEqual([1000, 1000]);
    await eventually(async () => ((await connectionIdsOf(leaving!.userId)).length === 0 ? true : undefined), {
      what: 'the records of the closed sockets to go',
    });
    other!.send({ action: 'ping' });
    await other!.next('pong');
  });

  it('keeps a socket opened after the logout, with a new login', async () => {
    const [user] = await signedInUsers(1);
    const before = await connect(user!.accessToken);
    await logOut(user!);
    await before.closed;
    const again = await loginUser(user!);

    const after = await connect(again.accessToken);
    await fannedOut('UserLoggedOut', (data) => data.userId === user!.userId, 'realtime.closeUserConnections');
    const { roomId } = await createRoom(again);
    const message = await sendMessage(roomId, again, 'still here');

    await after.next(
      'message.sent',
      (f) => (f.message as { messageId: string }).messageId === message.messageId,
    );
  });
});
