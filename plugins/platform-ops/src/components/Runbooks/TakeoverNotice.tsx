import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { RunbookTakeover } from '@platformops/plugin-platform-ops-common';

/** "2026-11-20T14:02:31.000Z" -> "14:02 UTC": the minute is what an operator compares. */
function clockTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

function quoted(steps: RunbookTakeover['interruptedSteps']): string {
  return steps.map(s => `'${s.title}'`).join(', ');
}

/** One sentence per takeover: who continued the run, when, and what it did about the step in progress. */
export function takeoverSentence(takeover: RunbookTakeover): string {
  const { replica, previousReplica, interruptedSteps } = takeover;
  const why = `the previous replica (${previousReplica}) stopped renewing its hold on the run, which expired at ${clockTime(takeover.leaseExpiredAt)}`;
  const what = interruptedSteps.length
    ? ` during ${quoted(interruptedSteps)}; AWS state was read before continuing, so a call that already took effect is not sent again.`
    : ' between steps; the run continued from its recorded progress.';
  return `Resumed by replica ${replica} at ${clockTime(takeover.at)}: ${why}${what}`;
}

/**
 * Shown above the steps when another backend replica took the run over: without it a step's
 * "attempt 2" or a pause in the timeline has no explanation.
 */
export const TakeoverNotice = ({ takeovers }: { takeovers: RunbookTakeover[] }) => {
  if (!takeovers.length) return null;
  return (
    <Box my={1} data-testid="takeovers">
      {takeovers.map(t => (
        <Alert key={`${t.at}-${t.replica}`} severity="info">
          {takeoverSentence(t)}
        </Alert>
      ))}
    </Box>
  );
};
