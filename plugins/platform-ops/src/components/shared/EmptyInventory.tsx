import { Typography } from '@material-ui/core';

/**
 * What an empty fleet or queue table says: where the rows come from, and that the catalog
 * may still be processing right after start-up.
 */
export const EmptyInventory = ({ kind }: { kind: 'gpu-fleet' | 'queue' }) => (
  <Typography variant="body2" style={{ padding: 16 }}>
    No Resource entities of spec.type {kind} in the catalog yet. Declare them with the
    platform-ops.io annotations (see the Environments tab for what the inventory could not use);
    right after start-up the catalog may still be processing its locations.
  </Typography>
);
