import {
  DistributionConfig,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsActionStep, StepCall, WaitUntilStep } from '../types';
import { runTimeValue } from './common';

/*
 * The CloudFront steps the region failover and failback share: move the distribution's
 * origin (read-modify-write with the ETag), then wait until the edges have it. Each runbook
 * says where the origin goes; the calls, their notes and the wait are the same.
 */

export const CLOUDFRONT_NOTE = "CloudFront's control plane is in us-east-1";

/** The result of moving a distribution's origin: what changed, or why nothing had to. */
export interface OriginMove {
  alreadyDone?: string;
  description: string;
}

/** Sends every cache behaviour of `config` to `origin` (mutating it); says how many moved. */
export function retargetBehaviours(config: DistributionConfig, origin: { Id: string; DomainName?: string }): OriginMove {
  const behaviours = [config.DefaultCacheBehavior, ...(config.CacheBehaviors?.Items ?? [])].filter(
    (b): b is NonNullable<typeof b> => Boolean(b),
  );
  const moving = behaviours.filter(b => b.TargetOriginId !== origin.Id);
  if (moving.length === 0) return { alreadyDone: `every cache behaviour already targets ${origin.Id}`, description: '' };
  for (const b of moving) b.TargetOriginId = origin.Id;
  return { description: `${moving.length} cache behaviour(s) now target ${origin.Id} (${origin.DomainName})` };
}

function getConfigCall(cf: AwsLocation, distributionId: string): StepCall<GetDistributionConfigCommand> {
  return { service: 'cloudFront', location: cf, command: new GetDistributionConfigCommand({ Id: distributionId }), plane: 'control', note: CLOUDFRONT_NOTE };
}

export interface MoveOriginOptions {
  id: string;
  title: string;
  dependsOn: string[];
  /** CloudFront's control plane (globalControlPlane of the target). */
  cf: AwsLocation;
  distributionId: string;
  /** The DistributionConfig the plan shows, e.g. "... origin moved to the DR region". */
  plannedConfig: string;
  /** What the plan says the new config is, after "the config just read, with ". */
  plannedChange: string;
  /** Moves the origin in `config` (mutating it); says what changed, or that nothing was left. */
  move: (config: DistributionConfig) => OriginMove;
  alternative?: string;
  controlPlaneFallback?: string;
}

/**
 * GetDistributionConfig then UpdateDistribution with its ETag as IfMatch. The ETag changes
 * after the update, so a resumed step re-reads and sees the origin already moved.
 */
export function moveOriginStep(options: MoveOriginOptions): AwsActionStep {
  const { cf, distributionId } = options;
  return {
    id: options.id,
    title: options.title,
    kind: 'aws-action',
    dependsOn: options.dependsOn,
    calls: [
      getConfigCall(cf, distributionId),
      {
        service: 'cloudFront',
        location: cf,
        command: new UpdateDistributionCommand({ Id: distributionId, IfMatch: runTimeValue('ETag from GetDistributionConfig'), DistributionConfig: runTimeValue(options.plannedConfig) }),
        plane: 'control',
        note: `${CLOUDFRONT_NOTE}. DistributionConfig = the config just read, with ${options.plannedChange}; IfMatch makes a concurrent edit fail instead of being overwritten`,
      },
    ],
    ...(options.alternative ? { alternative: options.alternative } : {}),
    ...(options.controlPlaneFallback ? { controlPlaneFallback: options.controlPlaneFallback } : {}),
    act: async aws => {
      const { DistributionConfig: config, ETag } = await aws.send(getConfigCall(cf, distributionId));
      if (!config) throw new Error(`distribution ${distributionId} returned no configuration`);
      const change = options.move(config);
      if (change.alreadyDone) return { alreadyDone: change.alreadyDone };
      const out = await aws.send({ service: 'cloudFront', location: cf, command: new UpdateDistributionCommand({ Id: distributionId, IfMatch: ETag, DistributionConfig: config }), plane: 'control', note: CLOUDFRONT_NOTE });
      return { status: out.Distribution?.Status ?? null, change: change.description, etag: out.ETag ?? null };
    },
  };
}

/**
 * Polls GetDistribution until the update is Deployed to the edge. Nothing to wait for when
 * the move changed nothing, or fell back to the data plane (the engine's { fallback } output,
 * only for a move step that declares a controlPlaneFallback).
 */
export function distributionDeployedStep(options: {
  after: string;
  cf: AwsLocation;
  distributionId: string;
  controlPlaneFallback?: string;
}): WaitUntilStep {
  const { after, cf, distributionId } = options;
  return {
    id: 'cloudfront-deployed',
    title: `Wait until CloudFront ${distributionId} is deployed to the edge`,
    kind: 'wait-until',
    dependsOn: [after],
    probe: outputs => {
      const out = outputs[after];
      if (out?.fallback || out?.alreadyDone) return undefined;
      return { service: 'cloudFront', location: cf, command: new GetDistributionCommand({ Id: distributionId }), plane: 'control', note: CLOUDFRONT_NOTE };
    },
    until: out => {
      const status = (out as { Distribution?: { Status?: string } }).Distribution?.Status;
      return { done: status === 'Deployed', detail: `distribution ${status ?? 'unknown'}` };
    },
    timeoutSeconds: 30 * 60,
    intervalSeconds: 15,
    ...(options.controlPlaneFallback ? { controlPlaneFallback: options.controlPlaneFallback } : {}),
  };
}
