import { Box, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { ResourceStateFact } from '@platformops/plugin-platform-ops-common';

/** "28 Nov 2026" for a daily datapoint (S3 reports storage for whole UTC days). */
function utcDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * One live fact: its value, when AWS measured it if that is not "now" (S3's size and object
 * count are daily: "as of 28 Nov 2026 (UTC day)", a datapoint for the whole day), or, when it could not be
 * read, the reason in place (e.g. the IAM action the role lacks) while the other facts still show.
 */
export const FactValue = ({ fact }: { fact: ResourceStateFact }) => {
  if (fact.problem) {
    return (
      <Box display="flex" alignItems="flex-start" data-testid="fact-problem">
        <WarningIcon fontSize="small" style={{ color: '#b26a00', marginRight: 4 }} />
        <span>
          {fact.value}: {fact.problem}
        </span>
      </Box>
    );
  }
  return (
    <span>
      {fact.value}
      {fact.asOf && (
        <Typography component="span" variant="caption" color="textSecondary" data-testid="fact-as-of">
          {' '}
          · as of {utcDay(fact.asOf)} (UTC day), the latest S3 has reported: it reports storage once a day
        </Typography>
      )}
    </span>
  );
};
