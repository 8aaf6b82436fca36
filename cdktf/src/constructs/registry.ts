import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';

export interface RegistryProps {
  name: string;
  repositories: string[];
  kmsKeyArn: string;
}

/** ECR repositories, scanned on push, keeping the last 10 images (seed 000). */
export class Registry extends Construct {
  readonly repositories: Record<string, EcrRepository> = {};

  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    for (const repo of props.repositories) {
      const r = new EcrRepository(this, repo, {
        name: `${props.name}/${repo}`,
        imageTagMutability: 'IMMUTABLE',
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: 'KMS', kmsKey: props.kmsKeyArn }],
      });
      new EcrLifecyclePolicy(this, `${repo}-lifecycle`, {
        repository: r.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: 'Keep the last 10 images',
              selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 10 },
              action: { type: 'expire' },
            },
          ],
        }),
      });
      this.repositories[repo] = r;
    }
  }
}
