import {
  awsResourceNameSchema,
  ecsServiceAnnotationSchema,
  EnvironmentDrDeclaration,
  PLATFORM_OPS_ANNOTATIONS as A,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { AnnotationReader } from './annotationReader';

/*
 * The region-failover annotations the environment template writes (dr-asg-name,
 * dr-ecs-service, dr-bucket-name on resources; dr-alb-name, route53-health-checks,
 * route53-set-identifiers, cloudfront-distribution-tags on the environment).
 *
 * Decision: they are optional. An entity without them keeps the naming convention of the
 * Terraform modules (the same group, cluster and service names in the DR region, the bucket's
 * copy "<bucket>-<region short>"), so hand-written catalogs keep working; the runbook says in
 * its preflight which names come from the convention. A DR annotation on an environment
 * without platform-ops.io/dr-region is an inventory problem: it names a region that is not
 * declared.
 */

/** "a,b": two names, in the order the annotation documents. */
const pairSchema = z
  .string()
  .transform(v => v.split(',').map(s => s.trim()))
  .refine(
    parts => parts.length === 2 && parts.every(p => awsResourceNameSchema.safeParse(p).success),
    'must be two names separated by a comma',
  );

/** "k=v,k=v": CloudFront tag filter. */
const tagsSchema = z
  .string()
  .transform(v => v.split(',').map(s => s.trim()).filter(Boolean).map(p => p.split('=')))
  .refine(
    pairs => pairs.length > 0 && pairs.every(p => p.length === 2 && p[0].length > 0 && p[1].length > 0),
    'must be key=value pairs separated by commas',
  )
  .transform(pairs => Object.fromEntries(pairs) as Record<string, string>);

const ENVIRONMENT_DR_ANNOTATIONS = [
  A.drAlbName,
  A.route53HealthChecks,
  A.route53SetIdentifiers,
] as const;

/** The environment's failover declaration; undefined when it declares none of it. */
export function readEnvironmentDr(
  reader: AnnotationReader,
  drRegion: string | undefined,
): EnvironmentDrDeclaration | undefined {
  const albName = reader.optional(A.drAlbName, awsResourceNameSchema);
  const checks = reader.optional(A.route53HealthChecks, pairSchema);
  const setIds = reader.optional(A.route53SetIdentifiers, pairSchema);
  const tags = reader.optional(A.cloudFrontDistributionTags, tagsSchema);
  if (!drRegion) {
    for (const annotation of ENVIRONMENT_DR_ANNOTATIONS) {
      if (reader.entity.metadata.annotations?.[annotation]) {
        reader.report(annotation, `annotation ${annotation} needs ${A.drRegion}: it names the failover path to a DR region the environment does not declare`);
      }
    }
  }
  if (setIds && !reader.entity.metadata.annotations?.[A.route53Record]) {
    reader.report(A.route53SetIdentifiers, `annotation ${A.route53SetIdentifiers} needs ${A.route53Record}: set identifiers of which record?`);
  }
  const declaration: EnvironmentDrDeclaration = {
    albName,
    healthCheckNames: checks ? { primary: checks[0], dr: checks[1] } : undefined,
    setIdentifiers: setIds ? { primary: setIds[0], secondary: setIds[1] } : undefined,
    cloudFrontDistributionTags: tags,
  };
  return Object.values(declaration).some(v => v !== undefined) ? declaration : undefined;
}

/**
 * A resource's DR annotation (dr-asg-name, dr-bucket-name); reported when the environment
 * has no DR region to put it in.
 */
export function readResourceDrName(
  reader: AnnotationReader,
  annotation: typeof A.drAsgName | typeof A.drBucketName,
  environment: { name: string; drRegion?: string },
): string | undefined {
  const value = reader.optional(annotation, awsResourceNameSchema);
  if (value && !environment.drRegion) {
    reader.report(annotation, `annotation ${annotation} needs ${A.drRegion} on environment ${environment.name}`);
    return undefined;
  }
  return value;
}

/** A Component's dr-ecs-service as cluster and service. */
export function readDrEcsService(
  reader: AnnotationReader,
  environment: { name: string; drRegion?: string },
): { drCluster: string; drService: string } | undefined {
  const value = reader.optional(A.drEcsService, ecsServiceAnnotationSchema);
  if (!value) return undefined;
  if (!environment.drRegion) {
    reader.report(A.drEcsService, `annotation ${A.drEcsService} needs ${A.drRegion} on environment ${environment.name}`);
    return undefined;
  }
  const [drCluster, drService] = value.split('/');
  return { drCluster, drService };
}
