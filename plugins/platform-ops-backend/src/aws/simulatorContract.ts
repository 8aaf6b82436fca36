import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsServiceName } from './types';

/**
 * How the gateway hands a command to the simulated account: after the SDK has serialised
 * and signed the request (so the real input was built and validated by the real client), a
 * middleware calls `handle` instead of sending it over HTTP, and returns the answer as the
 * command's output. Errors thrown here are SDK-shaped (name = AWS error code, $metadata with
 * httpStatusCode, $fault), so the SDK's retry strategy and our error mapping treat them as
 * they would treat AWS's.
 */
export interface SimulatedCall {
  service: AwsServiceName;
  /** Operation name without "Command", e.g. SetDesiredCapacity. */
  operation: string;
  input: Record<string, unknown>;
  location: AwsLocation;
  /**
   * The HTTP request the real SDK serialised from `input` (no headers: they carry the
   * signature). Lets tests and the simulator check what would have gone over the wire.
   */
  request?: {
    method: string;
    /** e.g. <bucket>.s3.us-east-1.amazonaws.com for S3's virtual-hosted style. */
    hostname?: string;
    path: string;
    /** The query string of REST services without the '?' (Route 53's maxitems, S3's ?replication). */
    query?: string;
    body?: string;
  };
}

export interface SimulatedAwsHandler {
  handle(call: SimulatedCall): Promise<Record<string, unknown>>;
}
