import { Box, Typography } from '@material-ui/core';
import { PlannedAwsCall } from '@platformops/plugin-platform-ops-common';

/** The AWS calls of a dry-run, as the operator would read them in CloudTrail. */
export const PlannedCalls = ({ calls }: { calls: PlannedAwsCall[] }) => (
  <Box data-testid="planned-calls">
    {calls.map((call, i) => (
      <Box key={i} mt={1}>
        <Typography variant="body2">
          <strong>
            {call.service}.{call.command.replace(/Command$/, '')}
          </strong>{' '}
          in {call.accountId} {call.region}
        </Typography>
        <Box component="pre" m={0} p={1} bgcolor="action.hover" fontSize={12} style={{ overflowX: 'auto' }}>
          {JSON.stringify(call.input, null, 2)}
        </Box>
      </Box>
    ))}
  </Box>
);
