import models from './awsApiModels.json';

/**
 * AWS's published API models (extracted from the aws-sdk v2 package by
 * scripts/aws-models/extract.mjs): which operations each service has, what their input
 * structures accept and require, and how they page. The simulated account checks every
 * command against them, as AWS does, so that a wrong assumption about AWS's API cannot be
 * confirmed by our own model of AWS.
 */

/** A shape as the models describe it; a missing `type` without `shape` means string. */
export interface ModelShape {
  type?:
    | 'structure'
    | 'list'
    | 'map'
    | 'string'
    | 'integer'
    | 'long'
    | 'double'
    | 'float'
    | 'boolean'
    | 'timestamp'
    | 'blob';
  members?: Record<string, ModelShape>;
  member?: ModelShape;
  key?: ModelShape;
  value?: ModelShape;
  required?: string[];
  /** Reference into the service's shape table. */
  shape?: string;
  /** uri / header / querystring members of REST services are still input members. */
  location?: string;
  idempotencyToken?: boolean;
}

/** Paging tokens of a list/describe operation (from AWS's paginators file). */
export interface ModelPaginator {
  inputToken: string | string[];
  outputToken: string | string[];
  limitKey?: string;
}

export interface ModelOperation {
  input: ModelShape;
  paginator?: ModelPaginator;
}

export interface ServiceModel {
  uid: string;
  protocol: string;
  operations: Record<string, ModelOperation>;
  shapes: Record<string, ModelShape>;
}

interface ModelFile {
  source: string;
  services: Record<string, ServiceModel>;
}

const MODELS = models as unknown as ModelFile;

/** Where the models came from, e.g. "aws-sdk@2.1693.0 apis/*.min.json + *.paginators.json". */
export const AWS_MODEL_SOURCE = MODELS.source;

/** The model of a service by the product's service name (autoScaling, route53, ...). */
export function serviceModel(service: string): ServiceModel | undefined {
  return MODELS.services[service];
}

/** The model of one operation, or undefined when AWS has no such operation. */
export function operationModel(
  service: string,
  operation: string,
): ModelOperation | undefined {
  return serviceModel(service)?.operations[operation];
}

/** Every service the models cover. */
export function modelledServices(): string[] {
  return Object.keys(MODELS.services);
}
