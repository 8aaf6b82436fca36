import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { operationModel } from '../aws/model/awsApiModel';
import { operationName } from '../aws/services';
import { AwsCommand, AwsCommandOutput, AwsServiceName } from '../aws/types';
import { Cached } from './CostDataCache';
import { CostContext, oldest } from './context';

/** Cost Explorer bills each page; a runaway token must not bill forever. */
const MAX_PAGES = 20;

/**
 * Every page of a list operation, each page a cached answer like any other, so no list
 * silently stops at its first page. The paging tokens are the ones AWS's API model declares
 * for the operation (DescribeBudgets: NextToken). Some operations page without a declared
 * paginator (Cost Explorer's GetAnomalies pages with NextPageToken, per its API reference):
 * `undeclared` names that token, and must be a member of the operation's input in the model.
 */
export async function cachedPages<C extends AwsCommand>(
  ctx: CostContext,
  location: AwsLocation,
  service: AwsServiceName,
  first: C,
  next: (input: C['input']) => C,
  undeclared?: string,
): Promise<{ pages: AwsCommandOutput<C>[]; fetchedAt: Date }> {
  const operation = operationName(first);
  const model = operationModel(service, operation);
  const paginator = model?.paginator;
  let inputToken: string;
  let outputToken: string;
  if (
    paginator &&
    typeof paginator.inputToken === 'string' &&
    typeof paginator.outputToken === 'string'
  ) {
    ({ inputToken, outputToken } = paginator as {
      inputToken: string;
      outputToken: string;
    });
  } else if (undeclared && model?.input.members?.[undeclared]) {
    inputToken = outputToken = undeclared;
  } else {
    throw new Error(
      `${service}.${operation} has no single paging token in AWS's API model`,
    );
  }
  const pages: AwsCommandOutput<C>[] = [];
  const fetched: Date[] = [];
  let command: C | undefined = first;
  for (let page = 0; command && page < MAX_PAGES; page++) {
    const answer: Cached<AwsCommandOutput<C>> = await ctx.cache.send(
      location,
      service,
      command,
      {
        minRemainingMs: ctx.minRemainingMs,
      },
    );
    pages.push(answer.value);
    fetched.push(answer.fetchedAt);
    const token = (answer.value as Record<string, unknown>)[outputToken];
    command =
      typeof token === 'string' && token
        ? next({ ...first.input, [inputToken]: token })
        : undefined;
  }
  return { pages, fetchedAt: new Date(oldest(...fetched)) };
}
