import { z } from 'zod';
import { costErrors } from '../errors';
import { CostRow } from './costBook';

/**
 * Cost Explorer filter expressions (And / Or / Not / Dimensions / Tags / CostCategories) and
 * group keys, evaluated against the billing rows.
 */

const matchOptions = z
  .array(z.enum(['EQUALS', 'ABSENT', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'CASE_SENSITIVE', 'CASE_INSENSITIVE', 'GREATER_THAN_OR_EQUAL']))
  .optional();

const valuesFilter = z.object({
  Key: z.string().min(1).optional(),
  Values: z.array(z.string()).optional(),
  MatchOptions: matchOptions,
});

export interface CostExpression {
  And?: CostExpression[];
  Or?: CostExpression[];
  Not?: CostExpression;
  Dimensions?: z.infer<typeof valuesFilter>;
  Tags?: z.infer<typeof valuesFilter>;
  CostCategories?: z.infer<typeof valuesFilter>;
}

export const expressionSchema: z.ZodType<CostExpression> = z.lazy(() =>
  z.object({
    And: z.array(expressionSchema).optional(),
    Or: z.array(expressionSchema).optional(),
    Not: expressionSchema.optional(),
    Dimensions: valuesFilter.optional(),
    Tags: valuesFilter.optional(),
    CostCategories: valuesFilter.optional(),
  }),
);

export const DIMENSIONS = [
  'SERVICE',
  'LINKED_ACCOUNT',
  'REGION',
  'INSTANCE_TYPE',
  'USAGE_TYPE',
  'PURCHASE_TYPE',
  'RECORD_TYPE',
] as const;

/** The cost category the simulated payer defines (GroupBy COST_CATEGORY workload). */
export const COST_CATEGORY = 'workload';

export function dimensionValue(row: CostRow, key: string): string {
  switch (key) {
    case 'SERVICE':
      return row.service;
    case 'LINKED_ACCOUNT':
      return row.accountId;
    case 'REGION':
      return row.region;
    case 'INSTANCE_TYPE':
      return row.instanceType ?? 'NoInstanceType';
    case 'USAGE_TYPE':
      return row.usageType;
    case 'PURCHASE_TYPE':
      return row.purchaseType ?? 'On Demand Instances';
    case 'RECORD_TYPE':
      return 'Usage';
    default:
      throw costErrors.validation(`Dimension ${key} is not supported by the simulated account (supported: ${DIMENSIONS.join(', ')})`);
  }
}

export function tagValue(row: CostRow, tagKey: string, key: string): string | undefined {
  return key === tagKey ? row.costTag : undefined;
}

function matches(actual: string | undefined, filter: z.infer<typeof valuesFilter>): boolean {
  const options = filter.MatchOptions ?? ['EQUALS'];
  if (options.includes('ABSENT')) return actual === undefined || actual === '';
  if (actual === undefined) return false;
  const insensitive = options.includes('CASE_INSENSITIVE');
  const norm = (s: string) => (insensitive ? s.toLowerCase() : s);
  const a = norm(actual);
  return (filter.Values ?? []).some(v => {
    const b = norm(v);
    if (options.includes('STARTS_WITH')) return a.startsWith(b);
    if (options.includes('ENDS_WITH')) return a.endsWith(b);
    if (options.includes('CONTAINS')) return a.includes(b);
    return a === b;
  });
}

/** Validates the AWS rule that each expression node holds exactly one operator or filter. */
export function checkExpression(e: CostExpression, path = 'Filter'): void {
  const keys = (['And', 'Or', 'Not', 'Dimensions', 'Tags', 'CostCategories'] as const).filter(k => e[k] !== undefined);
  if (keys.length !== 1) {
    throw costErrors.validation(`Expression ${path} must have exactly one of And, Or, Not, Dimensions, Tags, CostCategories (found ${keys.length === 0 ? 'none' : keys.join(', ')})`);
  }
  if (e.And && e.And.length < 2) throw costErrors.validation(`${path}.And must have at least 2 expressions`);
  if (e.Or && e.Or.length < 2) throw costErrors.validation(`${path}.Or must have at least 2 expressions`);
  e.And?.forEach((x, i) => checkExpression(x, `${path}.And[${i}]`));
  e.Or?.forEach((x, i) => checkExpression(x, `${path}.Or[${i}]`));
  if (e.Not) checkExpression(e.Not, `${path}.Not`);
  if (e.Dimensions) {
    if (!e.Dimensions.Key) throw costErrors.validation(`${path}.Dimensions.Key is required`);
    dimensionValue({} as CostRow, e.Dimensions.Key);
  }
  if (e.Tags && !e.Tags.Key) throw costErrors.validation(`${path}.Tags.Key is required`);
}

export function evaluate(e: CostExpression, row: CostRow, tagKey: string): boolean {
  if (e.And) return e.And.every(x => evaluate(x, row, tagKey));
  if (e.Or) return e.Or.some(x => evaluate(x, row, tagKey));
  if (e.Not) return !evaluate(e.Not, row, tagKey);
  if (e.Dimensions) return matches(dimensionValue(row, e.Dimensions.Key!), e.Dimensions);
  if (e.Tags) return matches(tagValue(row, tagKey, e.Tags.Key!), e.Tags);
  if (e.CostCategories) {
    return e.CostCategories.Key === COST_CATEGORY ? matches(row.workload, e.CostCategories) : matches(undefined, e.CostCategories);
  }
  return true;
}

export interface GroupDefinition {
  Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY';
  Key: string;
}

/** The group key AWS prints: the dimension value, "tagKey$value" or "category$value". */
export function groupKey(row: CostRow, g: GroupDefinition, tagKey: string): string {
  if (g.Type === 'DIMENSION') return dimensionValue(row, g.Key);
  if (g.Type === 'TAG') return `${g.Key}$${tagValue(row, tagKey, g.Key) ?? ''}`;
  return `${g.Key}$${g.Key === COST_CATEGORY ? row.workload : ''}`;
}
