import { Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';

/**
 * What a card says when the catalog declares a resource that AWS does not have: usually an
 * environment created from the template whose Terraform has not been applied yet. It replaces
 * the controls (they could only fail) and the raw 404.
 */
export const NotApplied = (props: {
  /** e.g. "Auto Scaling group prod-gpu-workers" */
  what: string;
  environment: string;
  accountId: string;
  region: string;
}) => (
  <Alert severity="info" data-testid="not-applied">
    <AlertTitle>This environment's Terraform has not been applied yet</AlertTitle>
    <Typography variant="body2">
      AWS has no {props.what} in account {props.accountId} ({props.region}), although the catalog declares it for{' '}
      {props.environment}.
    </Typography>
    <Typography variant="body2">
      Next step: merge the pull request that created {props.environment} and run <code>terraform apply</code> in its
      directory. The state and the controls appear here as soon as AWS knows the resource. If it was applied already,
      check that the entity names the same AWS resource, account and region as the Terraform.
    </Typography>
  </Alert>
);
