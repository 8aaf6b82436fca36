import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformDataSource, TerraformProvider, TerraformResource } from 'cdktf';

const scopeProviders = new WeakMap<IConstruct, TerraformProvider>();

/**
 * The provider a resource will be synthesized with: its own, else the one its enclosing
 * useProvider scope gives it. Aspects run from the root down, so another aspect may visit a
 * resource before useProvider's has set it.
 */
export function effectiveProvider(node: TerraformResource): TerraformProvider | undefined {
  if (node.provider) return node.provider;
  const scopes = node.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    const provider = scopeProviders.get(scopes[i]);
    if (provider) return provider;
  }
  return undefined;
}

/**
 * Puts every resource and data source of a construct subtree on one provider (the DR
 * region's), unless it names a provider itself. The constructs are the same in both regions;
 * this keeps them free of a `provider` prop threaded through every resource.
 */
export function useProvider(scope: IConstruct, provider: TerraformProvider): void {
  scopeProviders.set(scope, provider);
  const aspect: IAspect = {
    visit(node: IConstruct) {
      if ((node instanceof TerraformResource || node instanceof TerraformDataSource) && !node.provider) {
        node.provider = provider;
      }
    },
  };
  Aspects.of(scope).add(aspect);
}
