import { SimulatedAccount } from './SimulatedAccount';
import { waitForOwner } from './simulatedAccountRef';

describe('waitForOwner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("says where to look when the platform-ops plugin's account never comes", async () => {
    let outcome: string | undefined;
    waitForOwner(new Promise<SimulatedAccount>(() => {}), 'catalog').then(
      () => (outcome = 'resolved'),
      (error: Error) => (outcome = error.message),
    );
    // Not yet: still waiting one millisecond before the limit.
    await jest.advanceTimersByTimeAsync(119_999);
    expect(outcome).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(outcome).toBe(
      "The catalog plugin waited 120 s for the simulated AWS account, which the platform-ops plugin builds as it starts and shares; it did not. " +
        "Look earlier in this log for the platform-ops plugin's own start-up error (e.g. an invalid platformOps.aws.simulation config, or its database not reachable): " +
        'catalog cannot start until platform-ops does. (A backend without the platform-ops plugin does not wait: each plugin gets its own account.)',
    );
  });

  it("answers with the platform-ops plugin's account once it is built", async () => {
    const account = {} as SimulatedAccount;
    let publish!: (a: SimulatedAccount) => void;
    const waiting = waitForOwner(new Promise<SimulatedAccount>(settle => (publish = settle)), 'catalog');
    await jest.advanceTimersByTimeAsync(60_000);
    publish(account);
    await expect(waiting).resolves.toBe(account);
    // The limit's timer is cleared: nothing fires later.
    expect(jest.getTimerCount()).toBe(0);
  });
});
