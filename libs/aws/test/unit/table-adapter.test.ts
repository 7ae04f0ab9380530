import { documentClient, tableAdapter } from '../../src';

describe('tableAdapter', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('builds the adapter on first use with the document client and the table its variable names', () => {
    process.env.THINGS_TABLE = 'things-dev';
    const build = jest.fn((client: unknown, tableName: string) => ({ client, tableName }));
    const things = tableAdapter(() => 'THINGS_TABLE', build);

    expect(build).not.toHaveBeenCalled();
    const adapter = things();

    expect(adapter).toEqual({ client: documentClient(), tableName: 'things-dev' });
    expect(things()).toBe(adapter);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('gives an adapter over several tables the record of their names', () => {
    process.env.USERS_TABLE = 'users-dev';
    process.env.CLAIMS_TABLE = 'claims-dev';

    const tables = tableAdapter(
      () => ({ users: 'USERS_TABLE', claims: 'CLAIMS_TABLE' }),
      (_client, names) => names,
    );

    expect(tables()).toEqual({ users: 'users-dev', claims: 'claims-dev' });
  });

  it('fails on first use, naming the variable, when it is not set', () => {
    delete process.env.MISSING_TABLE;
    const missing = tableAdapter(
      () => 'MISSING_TABLE',
      () => ({}),
    );

    expect(() => missing()).toThrow(/MISSING_TABLE/);
  });
});
