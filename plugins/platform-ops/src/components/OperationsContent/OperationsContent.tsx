import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import { WarningPanel } from '@backstage/core-components';
import { entityCards } from './entityCards';

/** The "Operations" tab of an entity page: every Platform Ops card that applies to the entity. */
export const OperationsContent = () => {
  const { entity } = useEntity();
  const cards = entityCards.filter(card => card.filter(entity));
  if (cards.length === 0) {
    return (
      <WarningPanel title="No operations for this entity">
        Platform Ops acts on Resource entities of type environment, gpu-fleet, queue, database,
        cache or bucket, on Systems, and on Components with the platform-ops.io/ecs-service annotation.
      </WarningPanel>
    );
  }
  return (
    <Grid container spacing={3}>
      {cards.map(({ name, component: Card, width }) => (
        <Grid item xs={12} md={width ?? 6} key={name}>
          <Card />
        </Grid>
      ))}
    </Grid>
  );
};
