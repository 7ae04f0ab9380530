import { getPreferences, putPreferences } from '../../../src/use-cases/preferences';
import { bob, carol } from '../../support/builders';
import { FakeClock, FakePreferences } from '../../support/fakes';

describe('preferences', () => {
  it('are the defaults until the user sets them', async () => {
    const preferences = new FakePreferences();

    expect(await getPreferences({ preferences }, bob)).toEqual({ email: true, push: true, mutedRoomIds: [] });
  });

  it('are replaced by a PUT and read back, for that user only', async () => {
    const preferences = new FakePreferences();
    const clock = new FakeClock();
    const wanted = { email: false, push: true, mutedRoomIds: ['room-1'] };

    const stored = await putPreferences({ preferences, clock }, bob, wanted);

    expect(stored).toEqual(wanted);
    expect(await getPreferences({ preferences }, bob)).toEqual(wanted);
    expect(await getPreferences({ preferences }, carol)).toEqual({
      email: true,
      push: true,
      mutedRoomIds: [],
    });
    expect(preferences.stored.get(bob)?.updatedAt).toBe(clock.now().toISOString());
  });
});
