import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ChangeOutcome, QueueStatus } from '@platformops/plugin-platform-ops-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PlatformOpsApi } from '../../api';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
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
  alarms: [{ name: 'prod-queue-depth', state: 'ALARM', metricName: 'ApproximateNumberOfMessagesVisible', threshold: 100 }],
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
    expect(screen.getByText(/prod-queue-depth \(ApproximateNumberOfMessagesVisible > 100\): ALARM/)).toBeInTheDocument();

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
});
