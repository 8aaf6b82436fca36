export * from './PlatformOpsApi';
export * from './PlatformOpsClient';
export * from './PlatformOpsRequestError';
export type {
  RunbookMode,
  RunbookSummary,
  RunbooksForEntity,
  RunbookPreflightCheck,
  RunbookPlannedCall,
  RunbookPlanStep,
  RunbookPreview,
  RunbookExecutionStatus,
  RunbookStepStatus,
  RunbookStepRecord,
  RunbookLogRecord,
  RunbookExecutionSummary,
  RunbookExecution,
  StartRunbookBody,
  StartRunbookResult,
} from '@platformops/plugin-platform-ops-common';
