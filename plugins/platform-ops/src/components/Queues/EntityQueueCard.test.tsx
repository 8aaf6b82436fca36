import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ChangeOutcome, QueueStatus } from '@platformops/plugin-platform-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformOpsApi } from '../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { installResizeObserver } from '../shared/testResizeObserver';
import { EntityQueueCard } from './EntityQueueCard';

installResizeObserver();
jest.setTimeout(30_000);

const queue: QueueStatus = {
  entityRef: 'resource:default/prod-jobs-queue',
  name: 'prod-jobs-queue',
  environment: 'prod',
  queueName: 'prod-video-jobs',
  queueUrl: 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs',
  location: { accountId: '410987654321', region: 'us-east-1' },
  consoleUrl: 'https://console',
  found: true,
  visible: 42,
  inFlight: 6,
  delayed: 1,
  dlqName: 'prod-video-jobs-dlq',
  dlqVisible: 7,
  drainedBy: ['resource:default/prod-gpu-fleet'],
  series: { visible: [], oldestAgeSeconds: [], sent: [], deleted: [], dlqVisible: [] },
  alarms: [
    {
      name: 'prod-queue-depth',
      state: 'ALARM',
      metricName: 'ApproximateNumberOfMessagesVisible',
      threshold: 100,
      queueName: 'prod-video-jobs',
      stateUpdatedAt: new Date(Date.now() - 12 * 60_000).toISOString(),
      evaluationSeconds: 300,
    },
    {
      name: 'prod-video-jobs-dlq-not-empty',
      state: 'OK',
      metricName: 'ApproximateNumberOfMessagesVisible',
      threshold: 5,
      queueName: 'prod-video-jobs-dlq',
    },
  ],
  fetchedAt: '2026-11-20T12:00:00.000Z',
};

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod-jobs-queue', namespace: 'default' },
  spec: { type: 'queue', owner: 'platform-team' },
};

describe('EntityQueueCard', () => {
  it('shows depth, DLQ, alarms and redrives the DLQ after a dry-run, then shows progress', async () => {
    const user = userEvent.setup();
    let moved = false;
    const redriveQueue = jest.fn(async (body: Parameters<PlatformOpsApi['redriveQueue']>[0]): Promise<ChangeOutcome> => {
      if (!body.dryRun) moved = true;
      return {
        replayed: false,
        mutation: {
          id: 'r1', action: 'queue-redrive-dlq', targetRef: queue.entityRef, actor: 'user:default/ana-platform',
          reason: body.reason, dryRun: Boolean(body.dryRun), input: {}, status: body.dryRun ? 'dry-run' : 'succeeded',
          startedAt: '2026-11-20T12:00:00.000Z',
          plan: [{ service: 'SQS', command: 'StartMessageMoveTaskCommand', input: { SourceArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs-dlq' }, accountId: '410987654321', region: 'us-east-1' }],
        },
      };
    });
    await renderWithApi(
      <EntityProvider entity={entity}>
        <EntityQueueCard />
      </EntityProvider>,
      {
        getQueue: async () => queue,
        getQueueHistory: async () => ({ items: [] }),
        getRedriveTasks: async () => ({
          tasks: moved ? [{ status: 'RUNNING', sourceArn: 'arn', approximateNumberOfMessagesMoved: 3, approximateNumberOfMessagesToMove: 7 }] : [],
        }),
        redriveQueue,
      },
    );
    expect(await screen.findByText('prod-video-jobs-dlq: 7 message(s)')).toBeInTheDocument();
    const depthAlarm = screen.getByTestId('alarm-prod-queue-depth');
    expect(depthAlarm).toHaveTextContent(/^ALARM since (\d+ \w+ )?\d\d:\d\d UTC \(12 min\) prod-queue-depth: messages waiting > 100/);
    expect(depthAlarm).toHaveTextContent('its state can lag the per-minute chart by that long');
    expect(screen.getByTestId('alarm-prod-video-jobs-dlq-not-empty')).toHaveTextContent('OK prod-video-jobs-dlq-not-empty: DLQ messages waiting > 5');

    await user.click(screen.getByRole('button', { name: 'Redrive DLQ' }));
    await user.type(screen.getByLabelText('Max messages per second'), '900');
    expect(screen.getByText('A whole number between 1 and 500')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Max messages per second'));
    await user.type(screen.getByLabelText('Max messages per second'), '10');
    await user.type(screen.getByLabelText(/Reason/), 'poison message fixed');
    await user.click(screen.getByRole('button', { name: 'Preview (dry-run)' }));
    expect(await screen.findByTestId('planned-calls')).toHaveTextContent('SQS.StartMessageMoveTask');
    await user.click(screen.getByRole('button', { name: 'Confirm and apply' }));
    await waitFor(() =>
      expect(redriveQueue).toHaveBeenLastCalledWith({
        entityRef: queue.entityRef,
        maxNumberOfMessagesPerSecond: 10,
        reason: 'poison message fixed',
        dryRun: false,
        idempotencyKey: expect.stringMatching(/^ui-/),
      }),
    );
    expect(await screen.findByTestId('redrive-progress')).toHaveTextContent('Last redrive: RUNNING, 3 of 7 moved');
  });

  it('a non-owner sees Redrive DLQ disabled with who can act', async () => {
    const redriveQueue = jest.fn();
    await renderWithApi(
      <EntityProvider entity={{ ...entity, spec: { ...entity.spec, owner: 'group:default/video-team' } }}>
        <EntityQueueCard />
      </EntityProvider>,
      { getQueue: async () => queue, getQueueHistory: async () => ({ items: [] }), getRedriveTasks: async () => ({ tasks: [] }), redriveQueue },
      { authorize: AuthorizeResult.DENY },
    );
    expect(await screen.findByTestId('permission-notice')).toHaveTextContent(
      "You cannot redrive this queue's DLQ: only the owners of prod-jobs-queue can (video-team)",
    );
    expect(screen.getByRole('button', { name: 'Redrive DLQ' })).toBeDisabled();
  });

  it('a queue AWS does not have says the Terraform is not applied and asks AWS nothing more', async () => {
    const getRedriveTasks = jest.fn(async () => ({ tasks: [] }));
    await renderWithApi(
      <EntityProvider entity={entity}>
        <EntityQueueCard />
      </EntityProvider>,
      { getQueue: async () => ({ ...queue, found: false, environment: 'sandbox' }), getQueueHistory: async () => ({ items: [] }), getRedriveTasks },
    );
    expect(await screen.findByTestId('not-applied')).toHaveTextContent('AWS has no SQS queue prod-video-jobs in account 410987654321 (us-east-1)');
    expect(screen.queryByRole('button', { name: 'Redrive DLQ' })).not.toBeInTheDocument();
    expect(getRedriveTasks).not.toHaveBeenCalled();
  });
});
