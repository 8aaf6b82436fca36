import { AwsLocation } from '@platformops/plugin-platform-ops-common';

/** Availability zone `index` (0 -> a) of a region. */
export function az(region: string, index: number): string {
  return `${region}${String.fromCharCode(97 + index)}`;
}

/** Short form of a region used in resource names, e.g. us-west-2 -> usw2. */
export function regionShort(region: string): string {
  const [geo, direction, n] = region.split('-');
  return `${geo}${direction?.[0] ?? ''}${n ?? ''}`;
}

export function arn(
  service: string,
  location: AwsLocation,
  resource: string,
): string {
  return `arn:aws:${service}:${location.region}:${location.accountId}:${resource}`;
}

/** Key of a regional resource in a model's state. */
export function regionalKey(location: AwsLocation, id: string): string {
  return `${location.accountId}/${location.region}/${id}`;
}

/** Key of a global resource (Route 53, CloudFront) in a model's state. */
export function globalKey(accountId: string, id: string): string {
  return `${accountId}/${id}`;
}
