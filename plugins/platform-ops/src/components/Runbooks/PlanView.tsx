import { Box, Typography } from '@material-ui/core';
import { RunbookPlanStep, RunbookPreflightCheck } from '../../api';
import { StatusLabel } from './StatusLabel';

/** Preflight checks: a failed one blocks the start, a warning does not. */
export const PreflightList = ({ checks }: { checks: RunbookPreflightCheck[] }) => (
  <Box data-testid="preflight">
    {checks.map(check => (
      <Box key={check.id} display="flex" alignItems="baseline" mb={0.5}>
        <StatusLabel status={check.status} />
        <Typography variant="body2">
          &nbsp;<strong>{check.title}</strong>: {check.detail}
        </Typography>
      </Box>
    ))}
  </Box>
);

/** The plan: every step in order with the exact AWS calls, their region and plane. */
export const PlanView = ({ plan }: { plan: RunbookPlanStep[] }) => (
  <Box data-testid="plan">
    {plan.map((step, i) => (
      <Box key={step.stepId} mb={1.5}>
        <Typography variant="subtitle2">
          {i + 1}. {step.title}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            ({step.kind}
            {step.dependsOn.length ? `, after ${step.dependsOn.join(', ')}` : ''})
          </Typography>
        </Typography>
        {step.detail && <Typography variant="body2">{step.detail}</Typography>}
        {step.calls.map((call, j) => (
          <Box key={j} ml={2} mt={0.5}>
            <Typography variant="body2">
              <strong>
                {call.service}.{call.command.replace(/Command$/, '')}
              </strong>{' '}
              in {call.region} ({call.plane ?? 'control'} plane, account {call.accountId})
              {call.note ? ` - ${call.note}` : ''}
            </Typography>
            <Box component="pre" m={0} p={1} bgcolor="action.hover" fontSize={12} style={{ overflowX: 'auto' }}>
              {JSON.stringify(call.input, null, 2)}
            </Box>
          </Box>
        ))}
        {step.alternative && (
          <Typography variant="body2" color="textSecondary">
            Alternative: {step.alternative}
          </Typography>
        )}
      </Box>
    ))}
  </Box>
);
