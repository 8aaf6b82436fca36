import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';

/** Execution, step and preflight statuses with Backstage's status colours. */
export const StatusLabel = ({ status }: { status: string }) => {
  switch (status) {
    case 'succeeded':
    case 'pass':
      return <StatusOK>{status}</StatusOK>;
    case 'failed':
    case 'fail':
      return <StatusError>{status}</StatusError>;
    case 'running':
      return <StatusRunning>{status}</StatusRunning>;
    case 'waiting-approval':
    case 'warn':
      return <StatusWarning>{status}</StatusWarning>;
    case 'cancelled':
      return <StatusAborted>{status}</StatusAborted>;
    default:
      return <StatusPending>{status}</StatusPending>;
  }
};
