import { Typography } from '@material-ui/core';
import { QueueListItem } from '@platformops/plugin-platform-ops-common';

type Depth = Pick<QueueListItem, 'depthSource' | 'depthAsOf'>;
import { ago, useNow, utcInstant } from '../shared/UpdatedAgo';

/**
 * The oldest minute the list's CloudWatch depths describe. SQS publishes its AWS/SQS metrics
 * once a minute, and the list reads the latest complete minute (cached briefly), so the
 * numbers trail the queue by one to a few minutes; a queue's own card asks SQS directly.
 */
export function oldestDepthAsOf(queues: Depth[]): string | undefined {
  let oldest: string | undefined;
  for (const q of queues) {
    if (q.depthSource !== 'cloudwatch' || !q.depthAsOf) continue;
    if (!oldest || q.depthAsOf < oldest) oldest = q.depthAsOf;
  }
  return oldest;
}

/** One line above the Queues table saying how old its numbers are and where to get live ones. */
export const DepthFreshness = ({ queues }: { queues: Depth[] }) => {
  const now = useNow(15_000);
  const asOf = oldestDepthAsOf(queues);
  if (!asOf) return null;
  return (
    <Typography variant="body2" color="textSecondary" data-testid="depth-freshness" style={{ marginBottom: 8 }}>
      Depths are CloudWatch&apos;s one-minute maximums, which SQS publishes once a minute: these are as
      of the minute from {utcInstant(asOf, now)} ({ago(asOf, now)}) or later, and can trail the queue by a
      few minutes. Open a queue for its live counts from SQS.
    </Typography>
  );
};
