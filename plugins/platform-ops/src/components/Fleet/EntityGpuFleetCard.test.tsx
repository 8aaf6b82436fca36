import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ChangeOutcome } from '@platformops/plugin-platform-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformOpsApi } from '../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
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

function renderCard(api: Partial<PlatformOpsApi>) {
  return renderWithApi(
    <EntityProvider entity={entity}>
      <EntityGpuFleetCard />
    </EntityProvider>,
    { getFleetHistory: async () => ({ items: [] }), ...api },
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
    expect(screen.getByTestId('recommendation')).toHaveTextContent('Recommended: 10 instances ($2.84/hour)');
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
});
