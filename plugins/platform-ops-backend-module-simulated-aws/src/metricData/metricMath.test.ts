import { evaluateExpression, MetricMathError, referencedIds } from './metricMath';

const series = (values: number[]) => ({ timestamps: values.map((_, i) => i * 60_000), values });

describe('metric math', () => {
  // The GPU fleet's target-tracking metric, as the environment template's Terraform declares it.
  const BACKLOG = 'IF(m2 > 0, m1 / m2, m1)';

  it('evaluates IF per datapoint: backlog per in-service instance, the whole backlog when none is in service', () => {
    const resolve = (id: string) => (id === 'm1' ? series([40, 30, 12]) : series([4, 0, 3]));
    expect(evaluateExpression(BACKLOG, resolve)).toEqual({ kind: 'series', series: { timestamps: [0, 60_000, 120_000], values: [10, 30, 4] } });
    expect(referencedIds(BACKLOG)).toEqual(['m2', 'm1', 'm2', 'm1']);
  });

  it('compares to 1 or 0 and keeps the arithmetic precedence', () => {
    const resolve = () => series([1, 5]);
    expect(evaluateExpression('m1 >= 2 * 2', resolve)).toEqual({ kind: 'series', series: { timestamps: [0, 60_000], values: [0, 1] } });
    expect(evaluateExpression('IF(1 != 1, 7, 3 + 4)', resolve)).toEqual({ kind: 'scalar', value: 7 });
  });

  it('refuses functions it does not know and malformed IFs, as CloudWatch refuses invalid expressions', () => {
    const resolve = () => series([1]);
    expect(() => evaluateExpression('RATE(m1)', resolve)).toThrow(new MetricMathError('Unsupported function RATE in the simulated account'));
    expect(() => evaluateExpression('IF(m1 > 0, m1)', resolve)).toThrow(new MetricMathError('IF takes three arguments: IF(condition, trueValue, falseValue)'));
  });
});
