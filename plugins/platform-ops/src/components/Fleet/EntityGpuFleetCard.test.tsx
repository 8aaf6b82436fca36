import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ChangeOutcome } from '@platformops/plugin-platform-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformOpsApi } from '../../api';
import { renderWithApi, TestAuthorize } from '../../__testUtils__/renderWithApi';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityGpuFleetCard } from './EntityGpuFleetCard';
import { installResizeObserver } from '../shared/testResizeObserver';
import { prodFleet } from './testFleet';

installResizeObserver();
// userEvent typing in a full test app is slow on a shared 2-core machine.
jest.setTimeout(30_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-gpu-fleet', namespace: 'default' },
  spec: { type: 'gpu-fleet', owner: 'platform-team' },
};

function outcome(dryRun: boolean): ChangeOutcome {
  return {
    replayed: false,
    mutation: {
      id: 'm1',
      action: 'fleet-set-desired-capacity',
      targetRef: 'resource:default/prod-gpu-fleet',
      actor: 'user:default/ana-platform',
      reason: 'launch backlog',
      dryRun,
      input: { desiredCapacity: 8 },
      status: dryRun ? 'dry-run' : 'succeeded',
      startedAt: '2026-11-20T12:00:00.000Z',
      plan: [
        {
          service: 'AutoScaling',
          command: 'SetDesiredCapacityCommand',
          input: { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 8, HonorCooldown: false },
          accountId: '410987654321',
          region: 'us-east-1',
        },
      ],
    },
  };
}

function renderCard(api: Partial<PlatformOpsApi>, authorize?: TestAuthorize) {
  return renderWithApi(
    <EntityProvider entity={entity}>
      <EntityGpuFleetCard />
    </EntityProvider>,
    { getFleetHistory: async () => ({ items: [] }), ...api },
    { authorize },
  );
}

describe('EntityGpuFleetCard', () => {
  it('shows capacity, spot mix, cost, backlog and the recommendation', async () => {
    await renderCard({ getFleet: async () => prodFleet() });
    expect(await screen.findByText(/Converging: 4 in service of 5 desired \(1 pending, 0 terminating\)/)).toBeInTheDocument();
    expect(screen.getByText('5 / 2 / 20')).toBeInTheDocument();
    expect(screen.getByText('2 x g4dn.xlarge on-demand, 3 x g4dn.xlarge spot')).toBeInTheDocument();
    expect(screen.getByText('70 % spot above 1 on-demand')).toBeInTheDocument();
    expect(screen.getByText('$1.53/hour')).toBeInTheDocument();
    expect(screen.getByText(/Backlog: 120 visible, 30 per in-service instance/)).toBeInTheDocument();
    expect(screen.getByTestId('recommendation')).toHaveTextContent(
      "Recommended: 10 instances, about $2.84/hour at the group's spot share (70 % spot above 1 on-demand); the 5 running now (2 on-demand + 3 spot) cost $1.53/hour.",
    );
    expect(screen.getByTestId('updated-ago')).toHaveTextContent(/^Updated \d+ (s|min|h|d) ago · refreshes every 5 s$/);
  });

  it('validates as you type, previews the exact AWS command, then applies and watches convergence', async () => {
    const user = userEvent.setup();
    let desired = 5;
    const changeFleet = jest.fn(async (_action: string, body: Record<string, unknown>) => {
      if (!body.dryRun) desired = 8;
      return outcome(Boolean(body.dryRun));
    });
    await renderCard({
      getFleet: async () => prodFleet({ desiredCapacity: desired }),
      changeFleet: changeFleet as PlatformOpsApi['changeFleet'],
    });
    await user.click(await screen.findByRole('button', { name: 'Set desired' }));

    const input = screen.getByLabelText('Desired capacity');
    await user.clear(input);
    await user.type(input, '-1');
    expect(screen.getByText('Desired capacity must not be negative')).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '25');
    expect(screen.getByText('Must be between min 2 and max 20; change min/max first')).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, '8');
    // No reason yet: neither preview nor apply.
    expect(screen.getByRole('button', { name: 'Preview (dry-run)' })).toBeDisabled();
    await user.type(screen.getByLabelText(/Reason/), 'launch backlog');
    expect(screen.getByRole('button', { name: 'Confirm and apply' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
    expect(await screen.findByTestId('planned-calls')).toHaveTextContent('AutoScaling.SetDesiredCapacity in 410987654321 us-east-1');
    expect(screen.getByTestId('planned-calls')).toHaveTextContent('"DesiredCapacity": 8');
    expect(changeFleet).toHaveBeenLastCalledWith('desired-capacity', {
      entityRef: 'resource:default/prod-gpu-fleet',
      desiredCapacity: 8,
      reason: 'launch backlog',
      dryRun: true,
    });

    await user.click(screen.getByRole('button', { name: 'Confirm and apply' }));
    await waitFor(() => expect(changeFleet).toHaveBeenCalledTimes(2));
    expect(changeFleet).toHaveBeenLastCalledWith('desired-capacity', {
      entityRef: 'resource:default/prod-gpu-fleet',
      desiredCapacity: 8,
      reason: 'launch backlog',
      dryRun: false,
      idempotencyKey: expect.stringMatching(/^ui-/),
    });
    expect(await screen.findByTestId('applied')).toHaveTextContent('Applied fleet-set-desired-capacity: succeeded');
    expect(await screen.findByText(/Converging: 4 in service of 8 desired/)).toBeInTheDocument();
  });

  it('shows the server refusal (guardrail) in the dialog', async () => {
    const user = userEvent.setup();
    const refusal = Object.assign(new Error('Refused by guardrail: desired capacity 9 costs $25.10/hour'), { name: 'NotAllowedError' });
    await renderCard({
      getFleet: async () => prodFleet(),
      changeFleet: async () => {
        throw refusal;
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Set desired' }));
    await user.type(screen.getByLabelText(/Reason/), 'try it');
    await user.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
    expect((await screen.findAllByText(/Refused by guardrail/))[0]).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Confirm and apply' })).toBeDisabled();
  });

  it('disables every change control for a user the policy refuses, and says who can act', async () => {
    const asked: string[] = [];
    await renderCard({ getFleet: async () => prodFleet() }, request => {
      // The permission API is asked one permission at a time (the declared type says a batch).
      const one = request as unknown as { permission: { name: string }; resourceRef?: string };
      asked.push(`${one.permission.name} on ${one.resourceRef}`);
      return AuthorizeResult.DENY;
    });
    expect(await screen.findByTestId('permission-notice')).toHaveTextContent(
      'You cannot change this fleet: only the owners of prod-gpu-fleet can (platform-team). Ask one of them',
    );
    for (const name of ['Set desired', 'Set min/max', 'Spot share', 'Backlog policy', 'Schedule', 'Suspend launches']) {
      expect(screen.getByRole('button', { name })).toBeDisabled();
    }
    // The same question the backend asks before a change: the permission on this entity.
    expect(asked).toEqual(
      expect.arrayContaining([
        'platform-ops.fleet.scale on resource:default/prod-gpu-fleet',
        'platform-ops.fleet.scaling-policy on resource:default/prod-gpu-fleet',
      ]),
    );
  });

  it('an owner gets enabled controls and no notice', async () => {
    await renderCard({ getFleet: async () => prodFleet() }, AuthorizeResult.ALLOW);
    expect(await screen.findByRole('button', { name: 'Set desired' })).toBeEnabled();
    expect(screen.queryByTestId('permission-notice')).not.toBeInTheDocument();
  });

  it('says the Terraform is not applied yet instead of offering controls on a group AWS does not have', async () => {
    await renderCard({ getFleet: async () => prodFleet({ found: false, environment: 'sandbox' }) });
    expect(await screen.findByTestId('not-applied')).toHaveTextContent("This environment's Terraform has not been applied yet");
    expect(screen.getByTestId('not-applied')).toHaveTextContent('AWS has no Auto Scaling group prod-gpu-workers in account 410987654321');
    expect(screen.getByTestId('not-applied')).toHaveTextContent('terraform apply');
    expect(screen.queryByRole('button', { name: 'Set desired' })).not.toBeInTheDocument();
  });
});
