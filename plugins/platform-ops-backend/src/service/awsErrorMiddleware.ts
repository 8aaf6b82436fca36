import { ErrorRequestHandler } from 'express';
import { AwsThrottledError } from '../aws/errors';

/**
 * Adds `Retry-After` to the 503 of a throttled AWS call, then hands the error on to
 * Backstage's root error handler, which writes the status and the JSON body. Mount it after
 * the capability routes.
 */
export function awsErrorMiddleware(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (error instanceof AwsThrottledError && !res.headersSent) {
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
    }
    next(error);
  };
}
