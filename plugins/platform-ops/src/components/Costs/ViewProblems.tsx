import { WarningPanel } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { DataProblem } from '@platformops/plugin-platform-ops-common';

/**
 * The parts of a view AWS did not give us, in place: what is missing, why, and what is shown
 * instead, so a partial answer is never mistaken for a complete one.
 */
export const ViewProblems = ({ problems }: { problems: DataProblem[] }) => {
  if (problems.length === 0) return null;
  return (
    <WarningPanel
      severity="warning"
      title="Part of this view is unavailable"
      defaultExpanded
    >
      {problems.map(p => (
        <Typography key={p.part} variant="body2" component="p">
          {p.message}
          {p.fallback ? ` (showing ${p.fallback} instead)` : ''}
        </Typography>
      ))}
    </WarningPanel>
  );
};
