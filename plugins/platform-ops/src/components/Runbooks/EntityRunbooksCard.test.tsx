import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  PlatformOpsApi,
  RunbookExecution,
  RunbookPreview,
  RunbooksForEntity,
} from '../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityRunbooksCard } from './EntityRunbooksCard';
import { RunbooksView } from './RunbooksView';

jest.setTimeout(30_000);

const DB = 'resource:default/prod-postgres';
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-postgres', namespace: 'default' },
  spec: { type: 'database', owner: 'platform-team' },
};

const forEntity: RunbooksForEntity = {
  entityRef: DB,
  environment: { name: 'prod', tier: 'prod' },
  confirmationRequired: 'prod',
  runbooks: [
    { id: 'rds-multi-az-failover', title: 'RDS Multi-AZ failover', description: 'Fails over to the standby.', rtoTargetMinutes: 5, rpoTargetMinutes: 0 },
    { id: 'promote-read-replica', title: 'Promote cross-region read replica', description: 'Promotes the replica.', rtoTargetMinutes: 20, rpoTargetMinutes: 15 },
  ],
};

function preview(overrides: Partial<RunbookPreview> = {}): RunbookPreview {
  return {
    runbookId: 'rds-multi-az-failover',
    targetRef: DB,
    environment: 'prod',
    mode: 'live',
    confirmationRequired: 'prod',
    rtoTargetMinutes: 5,
    preflight: [{ id: 'multi-az', title: 'Multi-AZ is on and the instance is available', status: 'pass', detail: 'MultiAZ true, status available' }],
    plan: [
      {
        stepId: 'force-failover',
        title: 'Reboot prod-postgres with forced failover',
        kind: 'aws-action',
        dependsOn: [],
        calls: [{ service: 'RDS', command: 'RebootDBInstanceCommand', input: { DBInstanceIdentifier: 'prod-postgres', ForceFailover: true }, accountId: '410987654321', region: 'us-east-1', plane: 'control' }],
      },
      { stepId: 'wait-available', title: 'Wait until the instance is available in the other AZ', kind: 'wait-until', dependsOn: ['force-failover'], calls: [], detail: 'Polls every 10s' },
    ],
    ...overrides,
  };
}

function execution(status: 'running' | 'succeeded', overrides: Partial<RunbookExecution> = {}): RunbookExecution {
  const done = status === 'succeeded';
  return {
    id: '6f1c2a7e-0000-4000-8000-000000000001',
    runbookId: 'rds-multi-az-failover',
    targetRef: DB,
    environment: 'prod',
    actor: 'user:default/ana-platform',
    reason: 'AZ impaired',
    mode: 'live',
    status,
    cancelRequested: false,
    rtoTargetSeconds: 300,
    createdAt: '2026-11-20T03:00:00.000Z',
    startedAt: '2026-11-20T03:00:00.000Z',
    ...(done ? { finishedAt: '2026-11-20T03:01:35.000Z' } : {}),
    elapsedSeconds: done ? 95 : 30,
    plan: preview().plan,
    steps: [
      { stepId: 'force-failover', position: 0, kind: 'aws-action', title: 'Reboot prod-postgres with forced failover', status: 'succeeded', attempts: 1, startedAt: '2026-11-20T03:00:00.000Z', finishedAt: '2026-11-20T03:00:01.000Z' },
      { stepId: 'wait-available', position: 1, kind: 'wait-until', title: 'Wait until the instance is available in the other AZ', status: done ? 'succeeded' : 'running', attempts: 1, startedAt: '2026-11-20T03:00:01.000Z', ...(done ? { finishedAt: '2026-11-20T03:01:35.000Z' } : {}) },
    ],
    logs: [{ level: 'info', stepId: 'force-failover', message: '-> rds.RebootDBInstance in us-east-1 (control plane, account 410987654321)', at: '2026-11-20T03:00:00.500Z' }],
    takeovers: [],
    ...overrides,
  };
}

function renderCard(api: Partial<PlatformOpsApi>) {
  return renderWithApi(
    <EntityProvider entity={entity}>
      <EntityRunbooksCard />
    </EntityProvider>,
    { getRunbooksForEntity: async () => forEntity, listRunbookExecutions: async () => ({ executions: [] }), ...api },
  );
}

describe('EntityRunbooksCard', () => {
  it('shows preflight and plan, requires the typed confirmation, starts, then shows progress to completion with the RTO', async () => {
    const user = userEvent.setup();
    let polls = 0;
    let historyLoads = 0;
    const startRunbook = jest.fn(async () => ({ dryRun: false as const, replayed: false, execution: execution('running') }));
    const previewRunbook = jest.fn(async () => preview());
    await renderCard({
      previewRunbook,
      startRunbook,
      getRunbookExecution: async () => (++polls > 1 ? execution('succeeded') : execution('running')),
      listRunbookExecutions: async () => {
        historyLoads++;
        return { executions: polls > 1 ? [execution('succeeded')] : [] };
      },
    });

    expect(await screen.findByRole('button', { name: 'Promote cross-region read replica' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'RDS Multi-AZ failover' }));

    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByTestId('plan')).toHaveTextContent(
      'RDS.RebootDBInstance in us-east-1 (control plane, account 410987654321)',
    );
    expect(within(dialog).getByTestId('preflight')).toHaveTextContent('Multi-AZ is on and the instance is available: MultiAZ true, status available');
    expect(previewRunbook).toHaveBeenCalledWith('rds-multi-az-failover', { entityRef: DB, mode: 'live' });

    const startButton = within(dialog).getByRole('button', { name: 'Start runbook' });
    await user.type(within(dialog).getByLabelText('Reason'), 'AZ us-east-1a impaired');
    expect(startButton).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Type "prod" to confirm'), 'staging');
    expect(startButton).toBeDisabled();
    await user.clear(within(dialog).getByLabelText('Type "prod" to confirm'));
    await user.type(within(dialog).getByLabelText('Type "prod" to confirm'), 'prod');
    expect(startButton).toBeEnabled();
    await user.click(startButton);

    expect(startRunbook).toHaveBeenCalledWith('rds-multi-az-failover', {
      entityRef: DB,
      reason: 'AZ us-east-1a impaired',
      mode: 'live',
      confirm: 'prod',
      idempotencyKey: expect.stringMatching(/^runbook-[a-z0-9]+-[a-z0-9]+$/),
    });
    const progress = await screen.findByTestId('execution-progress');
    expect(within(progress).getByTestId('rto-clock')).toHaveTextContent('RTO clock: 30s of 5m 0s target');
    expect(within(progress).getByTestId('execution-log')).toHaveTextContent('rds.RebootDBInstance in us-east-1');
    await waitFor(() => expect(within(progress).getByTestId('rto-clock')).toHaveTextContent('Measured RTO: 1m 35s of 5m 0s target'), { timeout: 6000 });
    expect(within(progress).getByTestId('step-wait-available')).toHaveTextContent('succeeded');
    // The history refreshes when the run ends (not only on its 10 s poll).
    expect(await screen.findByText('1m 35s / 5m 0s')).toBeInTheDocument();
    expect(historyLoads).toBeGreaterThan(1);
  });

  it('a failed preflight blocks the start and says why', async () => {
    const user = userEvent.setup();
    const startRunbook = jest.fn();
    await renderCard({
      previewRunbook: async () => preview({ preflight: [{ id: 'multi-az', title: 'Multi-AZ is on and the instance is available', status: 'fail', detail: 'MultiAZ false' }] }),
      startRunbook,
    });
    await user.click(await screen.findByRole('button', { name: 'RDS Multi-AZ failover' }));
    expect(await screen.findByText('A preflight check failed: the runbook cannot start.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason'), 'try anyway');
    await user.type(screen.getByLabelText('Type "prod" to confirm'), 'prod');
    expect(screen.getByRole('button', { name: 'Start runbook' })).toBeDisabled();
    expect(startRunbook).not.toHaveBeenCalled();
  });

  it('shows the server refusal (403 for a non-owner) in the dialog', async () => {
    const user = userEvent.setup();
    await renderCard({
      previewRunbook: async () => preview(),
      startRunbook: async () => {
        throw new Error('You may not platform-ops.runbook.execute on resource:default/prod-postgres');
      },
    });
    await user.click(await screen.findByRole('button', { name: 'RDS Multi-AZ failover' }));
    await screen.findByTestId('plan');
    await user.type(screen.getByLabelText('Reason'), 'AZ impaired');
    await user.type(screen.getByLabelText('Type "prod" to confirm'), 'prod');
    await user.click(screen.getByRole('button', { name: 'Start runbook' }));
    expect(await screen.findByText('You may not platform-ops.runbook.execute on resource:default/prod-postgres')).toBeInTheDocument();
  });

  it('a step waiting for approval gets an Approve button that sends the reason', async () => {
    const user = userEvent.setup();
    const approveRunbookStep = jest.fn(async () => execution('running'));
    const waiting = execution('running', {
      id: '6f1c2a7e-0000-4000-8000-000000000002',
      runbookId: 'promote-read-replica',
      steps: [{ stepId: 'approve', position: 0, kind: 'approval', title: 'Second person approves the promotion', status: 'waiting-approval', attempts: 1, startedAt: '2026-11-20T03:00:00.000Z' }],
    });
    await renderCard({
      getRunbooksForEntity: async () => ({ ...forEntity, activeExecutionId: waiting.id }),
      getRunbookExecution: async () => waiting,
      approveRunbookStep,
    });
    const step = await screen.findByTestId('step-approve');
    await user.click(within(step).getByRole('button', { name: 'Approve' }));
    await user.type(within(step).getByLabelText('Reason to approve'), 'replica lag checked');
    await user.click(within(step).getByRole('button', { name: 'Approve: confirm' }));
    expect(approveRunbookStep).toHaveBeenCalledWith(waiting.id, 'approve', 'replica lag checked');
  });
});

describe('EntityRunbooksCard: a run taken over by another replica', () => {
  it('says when another replica took over, why, during which step, and that AWS was read first', async () => {
    const resumed = execution('running', {
      takeovers: [
        {
          at: '2026-11-20T14:02:10.000Z',
          replica: 'backend-b',
          previousReplica: 'backend-a',
          leaseExpiredAt: '2026-11-20T14:01:55.000Z',
          interruptedSteps: [{ stepId: 'force-failover', title: 'Reboot prod-postgres with forced failover' }],
        },
        { at: '2026-11-20T14:09:00.000Z', replica: 'backend-a', previousReplica: 'backend-b', leaseExpiredAt: '2026-11-20T14:08:40.000Z', interruptedSteps: [] },
      ],
    });
    await renderCard({
      getRunbooksForEntity: async () => ({ ...forEntity, activeExecutionId: resumed.id }),
      getRunbookExecution: async () => resumed,
    });
    const notices = within(await screen.findByTestId('takeovers')).getAllByRole('alert');
    expect(notices.map(n => n.textContent)).toEqual([
      "Resumed by replica backend-b at 14:02 UTC: the previous replica (backend-a) stopped renewing its hold on the run, which expired at 14:01 UTC during 'Reboot prod-postgres with forced failover'; AWS state was read before continuing, so a call that already took effect is not sent again.",
      'Resumed by replica backend-a at 14:09 UTC: the previous replica (backend-b) stopped renewing its hold on the run, which expired at 14:08 UTC between steps; the run continued from its recorded progress.',
    ]);
  });

  it('shows no takeover line for a run one replica carried alone', async () => {
    const alone = execution('running');
    await renderCard({
      getRunbooksForEntity: async () => ({ ...forEntity, activeExecutionId: alone.id }),
      getRunbookExecution: async () => alone,
    });
    await screen.findByTestId('execution-progress');
    expect(screen.queryByTestId('takeovers')).toBeNull();
  });
});

describe('EntityRunbooksCard for a non-owner', () => {
  it('disables the runbook buttons and names the owners to ask', async () => {
    const previewRunbook = jest.fn();
    const videoApi = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'video-api', namespace: 'default' },
      spec: { type: 'service', owner: 'video-team' },
      relations: [{ type: 'ownedBy', targetRef: 'group:default/video-team' }],
    };
    await renderWithApi(
      <EntityProvider entity={videoApi}>
        <EntityRunbooksCard />
      </EntityProvider>,
      {
        getRunbooksForEntity: async () => ({
          ...forEntity,
          entityRef: 'component:default/video-api',
          runbooks: [{ id: 'ecs-rollback', title: 'ECS rollback to the previous task definition', description: 'Rolls back.', rtoTargetMinutes: 10 }],
        }),
        listRunbookExecutions: async () => ({ executions: [] }),
        previewRunbook,
      },
      { authorize: AuthorizeResult.DENY },
    );
    const button = await screen.findByRole('button', { name: 'ECS rollback to the previous task definition' });
    await waitFor(() => expect(button).toBeDisabled());
    expect(screen.getByTestId('permission-notice')).toHaveTextContent(
      'You cannot start runbooks on video-api: only the owners of video-api can (video-team). Ask one of them to make the change',
    );
    expect(previewRunbook).not.toHaveBeenCalled();
  });
});

describe('RunbooksView', () => {
  it('lists the shipped runbooks with their targets and the history with measured RTO', async () => {
    await renderWithApi(<RunbooksView />, {
      listRunbooks: async () => ({ runbooks: [{ id: 'region-failover', title: 'Region failover', description: "Seed 004's six steps", rtoTargetMinutes: 60, rpoTargetMinutes: 15 }] }),
      listRunbookExecutions: async () => ({ executions: [execution('succeeded')] }),
    });
    expect(await screen.findByText('Region failover')).toBeInTheDocument();
    expect(screen.getByText('60 min')).toBeInTheDocument();
    expect(await screen.findByText('1m 35s / 5m 0s')).toBeInTheDocument();
  });
});
