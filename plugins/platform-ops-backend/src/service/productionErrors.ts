import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { randomBytes } from 'node:crypto';

/**
 * Error bodies in production (NODE_ENV=production, as the README's production command
 * runs): a message and a log id, never a stack trace or a file path. An error we did not
 * mean to throw (a plain 500) answers "An internal error occurred" with the log id, and the
 * full error goes to the log under that id; the refusals we mean (400/403/404/409/503...)
 * keep their message, which names the field or the limit, with any absolute path removed.
 * Outside production the error goes on to Backstage's handler (stack traces in dev mode).
 */

const STATUS_BY_NAME: Record<string, number> = {
  NotModifiedError: 304,
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

/** The status Backstage's root handler would answer with. */
export function statusOf(error: unknown): number {
  const e = error as { statusCode?: unknown; status?: unknown; name?: unknown };
  for (const value of [e?.statusCode, e?.status]) {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return value;
  }
  // Subclasses (AwsThrottledError) keep their parent's status through the prototype chain.
  let proto = error && typeof error === 'object' ? Object.getPrototypeOf(error) : undefined;
  while (proto && proto !== Object.prototype) {
    const status = STATUS_BY_NAME[proto.constructor?.name];
    if (status) return status;
    proto = Object.getPrototypeOf(proto);
  }
  return STATUS_BY_NAME[String(e?.name)] ?? 500;
}

// An absolute path of at least two segments not inside a word, an entity ref or a URL
// ("resource:default/prod-db", "24/7", "https://..." stay).
const ABSOLUTE_PATH = /(?<![\w:/.])(?:[A-Za-z]:)?[/\\](?:[\w.@+-]+[/\\])+[\w.@+-]*(?::\d+(?::\d+)?)?/g;

export function withoutPaths(message: string): string {
  return message.replace(ABSOLUTE_PATH, '<path>');
}

export function productionErrorHandler(options: {
  logger: LoggerService;
  /** Default: NODE_ENV is production. */
  production?: boolean;
}): ErrorRequestHandler {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  return (error, req, res, next) => {
    if (!production || res.headersSent) {
      next(error);
      return;
    }
    const logId = randomBytes(10).toString('hex');
    const status = statusOf(error);
    const intended = status !== 500 && isError(error);
    const raw = isError(error) ? error.message : String(error);
    options.logger
      .child({ logId })
      .error(`Request ${req.method} ${req.originalUrl} failed with status ${status} (logId=${logId})`, isError(error) ? error : undefined);
    res.status(status).json({
      error: {
        name: intended ? error.name : 'Error',
        message: intended ? withoutPaths(raw) : `An internal error occurred (logId=${logId})`,
        logId,
      },
      request: { method: req.method, url: withoutPaths(req.originalUrl) },
      response: { statusCode: status },
    });
  };
}
