export interface CostLineItem {
  /** e.g. `RDS`, `GPU fleet`. */
  service: string;
  /** Terraform address, or a group label for grouped items. */
  resource: string;
  description: string;
  monthlyUsd: number;
  priceSource: string;
}

export interface CostEstimate {
  currency: 'USD';
  lineItems: CostLineItem[];
  totalMonthlyUsd: number;
  /** Total by service, largest first. */
  byService: { service: string; monthlyUsd: number }[];
  /** GPU fleets at their maximum size, as the upper bound of a busy month. */
  totalAtMaxGpuUsd: number;
  assumptions: string[];
}

export interface CostOptions {
  /** GB stored in the assets bucket (default: the tier preset's assumption). */
  storageGb?: number;
  /** GB/month served by CloudFront (default: the tier preset's assumption). */
  cdnEgressGb?: number;
  /** Tier when the Terraform has no tier tag. */
  tier?: string;
}
