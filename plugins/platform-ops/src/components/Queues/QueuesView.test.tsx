import { ListPageRequest, QueueListItem } from '@platformops/plugin-platform-ops-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { QueuesView } from './QueuesView';

jest.setTimeout(30_000);

const minutesAgo = (m: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 - m * 60_000).toISOString();

/** A row as GET /queues answers it: the table's fields only, alarms not in OK in full and OK ones counted. */
const queue = (name: string, overrides: Partial<QueueListItem> = {}): QueueListItem => ({
  entityRef: `resource:default/${name}`,
  environment: 'prod',
  queueName: name,
  found: true,
  visible: 12,
  inFlight: 4,
  delayed: 1,
  depthSource: 'cloudwatch',
  depthAsOf: minutesAgo(2),
  oldestAgeSeconds: 75,
  drainedBy: [],
  alarms: [],
  alarmsOk: 0,
  ...overrides,
});

describe('QueuesView', () => {
  it("says how old CloudWatch's depths are, and 'no data' for a queue without a datapoint", async () => {
    await renderWithApi(<QueuesView />, {
      getQueues: async () => ({
        queues: [queue('prod-video-jobs'), queue('prod-new-jobs', { depthAsOf: undefined, visible: 0 }), queue('prod-lagging', { depthAsOf: minutesAgo(4), visible: 30 })],
        problems: [],
      }),
    });
    const note = await screen.findByTestId('depth-freshness');
    // The oldest minute any row describes, and where live numbers are.
    // (With the day in front when that minute was on another day than now, e.g. just after midnight.)
    expect(note).toHaveTextContent(new RegExp(`from (\\d+ \\w+ )?${minutesAgo(4).slice(11, 16)} UTC`));
    expect(note).toHaveTextContent('Open a queue for its live counts from SQS');
    expect(screen.getByPlaceholderText('Filter')).toBeInTheDocument();
    expect(screen.getByText('30', { exact: true })).toBeInTheDocument();
    // The oldest message's age is the list's own field now (no series in the list).
    expect(screen.getAllByText('75 s')).toHaveLength(3);
    expect(screen.getByText('no data')).toHaveAttribute('title', expect.stringContaining('No CloudWatch datapoint'));
  });

  it('shows each alarm not in OK with since when and its condition, and counts the OK ones', async () => {
    await renderWithApi(<QueuesView />, {
      getQueues: async () => ({
        queues: [
          queue('prod-video-jobs', {
            dlqName: 'prod-video-jobs-dlq',
            dlqVisible: 9,
            alarms: [
              {
                name: 'prod-video-jobs-dlq-not-empty',
                state: 'ALARM',
                metricName: 'ApproximateNumberOfMessagesVisible',
                threshold: 5,
                queueName: 'prod-video-jobs-dlq',
                // Not floored to the minute, so that it reads 14 min for the whole test.
                stateUpdatedAt: new Date(Date.now() - 14 * 60_000).toISOString(),
              },
            ],
            alarmsOk: 2,
          }),
          queue('prod-calm-jobs', { alarmsOk: 3 }),
          queue('prod-unwatched-jobs'),
        ],
        problems: [],
      }),
    });
    const firing = await screen.findByTestId('alarm-prod-video-jobs-dlq-not-empty');
    expect(firing).toHaveTextContent('ALARM 14 min · DLQ > 5');
    expect(screen.getAllByTestId('alarms-ok').map(e => e.textContent)).toEqual(['2 OK', '3 OK']);
    const unwatched = screen.getByRole('link', { name: 'prod-unwatched-jobs' }).closest('tr')!;
    expect(unwatched.lastElementChild).toHaveTextContent(/^none$/);
  });

  it('shows a partly read environment with the refused action and what is shown instead', async () => {
    await renderWithApi(<QueuesView />, {
      getQueues: async () => ({
        queues: [queue('prod-video-jobs', { depthSource: 'sqs', depthAsOf: undefined })],
        problems: [
          {
            environment: 'prod',
            message: 'queue depth from CloudWatch unavailable in 410987654321/us-east-1: cloudwatch:GetMetricData denied',
            iamAction: 'cloudwatch:GetMetricData',
            fallback: 'live counts from SQS GetQueueAttributes, one call per queue and DLQ; no oldest-message age',
          },
        ],
      }),
    });
    expect(await screen.findByText(/Partly read prod/)).toBeInTheDocument();
    expect(screen.getByText(/cloudwatch:GetMetricData denied\. Showing live counts from SQS/)).toBeInTheDocument();
    // Live SQS numbers need no freshness note.
    expect(screen.queryByTestId('depth-freshness')).toBeNull();
  });

  it('reads the list a page at a time: the first 50 rows, then the next page when asked', async () => {
    const all = Array.from({ length: 120 }, (_, i) => queue(`prod-jobs-${String(i).padStart(3, '0')}`));
    const asked: Array<ListPageRequest | undefined> = [];
    await renderWithApi(<QueuesView />, {
      getQueues: async (_environment?: string, page?: ListPageRequest) => {
        asked.push(page);
        const { offset, limit } = page ?? { offset: 0, limit: all.length };
        return { queues: all.slice(offset, offset + limit), problems: [], page: { offset, limit, total: all.length } };
      },
    });
    expect(await screen.findByText('prod-jobs-049')).toBeInTheDocument();
    expect(screen.queryByText('prod-jobs-050')).toBeNull();
    expect(asked[0]).toEqual({ offset: 0, limit: 50 });
    expect(screen.getByText('1-50 of 120')).toBeInTheDocument();
    // The table's own search would filter only this page: not offered while there are others.
    expect(screen.queryByPlaceholderText('Filter')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('prod-jobs-050')).toBeInTheDocument();
    await waitFor(() => expect(asked.at(-1)).toEqual({ offset: 50, limit: 50 }));
    expect(screen.queryByText('prod-jobs-049')).toBeNull();
    expect(screen.getByText('51-100 of 120')).toBeInTheDocument();
  });
});
