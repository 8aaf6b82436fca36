import express from 'express';
import Router from 'express-promise-router';
import { AwsGateway } from '../aws/types';

/**
 * GET /aws/ledger: the AWS calls this backend instance made since it started, by
 * Service.Operation, so benchmarks and the UI can show what a page costs in calls.
 */
export function createLedgerRoutes(gateway: AwsGateway): express.Router {
  const router = Router();
  router.get('/aws/ledger', (_req, res) => {
    res.json({ mode: gateway.mode, ...gateway.ledger() });
  });
  return router;
}
