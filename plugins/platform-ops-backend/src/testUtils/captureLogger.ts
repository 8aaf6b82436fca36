import { LoggerService } from '@backstage/backend-plugin-api';

/** A logger that keeps every line (message + metadata, serialised) for assertions. */
export function captureLogger(): LoggerService & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, meta?: Error | object) => {
    lines.push(`${level} ${message} ${meta === undefined ? '' : safeJson(meta)}`);
  };
  const logger: LoggerService & { lines: string[] } = {
    lines,
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: () => logger,
  };
  return logger;
}

function safeJson(value: object): string {
  try {
    // Errors: also their own enumerable fields ($response, $metadata...) and message.
    return value instanceof Error
      ? JSON.stringify({ ...value, message: value.message, stack: value.stack })
      : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
