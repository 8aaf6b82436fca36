import { DataProblem } from '@platformops/plugin-platform-ops-common';

/** The IAM action a gateway 403 names ("... may not call ce:GetCostForecast"). */
const REFUSED_ACTION = /may not call ([a-z0-9-]+:[A-Za-z]+)/;

/**
 * A missing part of a cost view, from the error its query failed with. The gateway's errors
 * carry AWS's answer without secrets, so the message can be shown as it is.
 */
export function problemOf(
  part: string,
  error: unknown,
  fallback?: string,
): DataProblem {
  const message = error instanceof Error ? error.message : String(error);
  const iamAction = REFUSED_ACTION.exec(message)?.[1];
  return {
    part,
    message: iamAction
      ? `${part} unavailable: ${iamAction} denied`
      : `${part} unavailable: ${message}`,
    ...(iamAction ? { iamAction } : {}),
    ...(fallback ? { fallback } : {}),
  };
}
