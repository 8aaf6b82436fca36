import { Typography } from '@material-ui/core';
import { dataAge } from './format';

/** The age of the cost data, with why it is not live. */
export const DataAge = ({ fetchedAt }: { fetchedAt: string }) => (
  <Typography
    variant="caption"
    color="textSecondary"
    title={`Fetched from AWS at ${new Date(
      fetchedAt,
    ).toISOString()}; cost answers are cached because Cost Explorer bills per request`}
  >
    {dataAge(fetchedAt)}
  </Typography>
);
