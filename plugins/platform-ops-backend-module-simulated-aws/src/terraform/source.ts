import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { TerraformSeeds } from './seeds';

/**
 * Where the simulated account gets an environment's resources from: the seeds of its
 * synthesized Terraform, or undefined when there is none (then the simulator falls back to
 * its tier rules for catalogs written by hand). The one seam between "which Terraform"
 * (files, the scaffolder's published repositories) and the simulator's models.
 */
export type TerraformSeedSource = (environment: PlatformEnvironment) => TerraformSeeds | undefined;
