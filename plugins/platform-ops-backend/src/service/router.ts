import express from 'express';
import Router from 'express-promise-router';
import { awsErrorMiddleware } from '../aws/awsErrorMiddleware';

/**
 * The plugin's express router: /health (unauthenticated, see plugin.ts), JSON bodies, then
 * one sub-router per capability. Thrown InputError / NotAllowedError / NotFoundError /
 * ConflictError become 400 / 403 / 404 / 409 bodies in Backstage's root error handler.
 */
export function createRouter(options: { routes: express.Router[] }): express.Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const routes of options.routes) router.use(routes);
  // Throttled AWS calls: Retry-After on the 503 (the root error handler writes the body).
  router.use(awsErrorMiddleware());
  return router;
}
