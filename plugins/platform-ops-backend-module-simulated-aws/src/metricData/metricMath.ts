/**
 * CloudWatch metric math, the part the product and its Terraform use: + - * / between query
 * ids, constants and parentheses (e.g. "visible / inService" for backlog per instance), the
 * comparisons > < >= <= == != (1 or 0) and IF(condition, trueValue, falseValue), which the
 * GPU fleet's target-tracking policy uses ("IF(m2 > 0, m1 / m2, m1)"). Series combine on
 * their common timestamps; a division by zero leaves that datapoint out, as AWS does.
 */

export interface Series {
  timestamps: number[];
  values: number[];
}

export type MathValue = { kind: 'scalar'; value: number } | { kind: 'series'; series: Series };

type Token =
  | { type: 'num'; value: number }
  | { type: 'id'; value: string }
  | { type: 'op'; value: '+' | '-' | '*' | '/' }
  | { type: 'paren'; value: '(' | ')' }
  | { type: 'cmp'; value: '>' | '<' | '>=' | '<=' | '==' | '!=' }
  | { type: 'comma'; value: ',' }
  | { type: 'fn'; value: 'IF' };

export class MetricMathError extends Error {}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^\d*\.?\d+(e[+-]?\d+)?/i.exec(expression.slice(i));
      if (!m) throw new MetricMathError(`Invalid number at position ${i + 1}`);
      tokens.push({ type: 'num', value: Number(m[0]) });
      i += m[0].length;
    } else if (/[a-zA-Z_]/.test(c)) {
      const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(expression.slice(i))!;
      if (expression[i + m[0].length] === '(') {
        if (m[0] !== 'IF') throw new MetricMathError(`Unsupported function ${m[0]} in the simulated account`);
        tokens.push({ type: 'fn', value: 'IF' });
      } else {
        tokens.push({ type: 'id', value: m[0] });
      }
      i += m[0].length;
    } else if ('<>=!'.includes(c)) {
      const m = /^(>=|<=|==|!=|>|<)/.exec(expression.slice(i));
      if (!m) throw new MetricMathError(`Unexpected character "${c}" at position ${i + 1}`);
      tokens.push({ type: 'cmp', value: m[0] as '>' | '<' | '>=' | '<=' | '==' | '!=' });
      i += m[0].length;
    } else if (c === ',') {
      tokens.push({ type: 'comma', value: ',' });
      i++;
    } else if ('+-*/'.includes(c)) {
      tokens.push({ type: 'op', value: c as '+' | '-' | '*' | '/' });
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: 'paren', value: c });
      i++;
    } else {
      throw new MetricMathError(`Unexpected character "${c}" at position ${i + 1}`);
    }
  }
  return tokens;
}

function combine(a: MathValue, b: MathValue, op: (x: number, y: number) => number): MathValue {
  if (a.kind === 'scalar' && b.kind === 'scalar') return { kind: 'scalar', value: op(a.value, b.value) };
  const out: Series = { timestamps: [], values: [] };
  const at = (v: MathValue, i: number) => (v.kind === 'scalar' ? v.value : v.series.values[i]);
  if (a.kind === 'series' && b.kind === 'series') {
    const index = new Map(b.series.timestamps.map((t, i) => [t, i]));
    a.series.timestamps.forEach((t, i) => {
      const j = index.get(t);
      if (j === undefined) return;
      push(out, t, op(a.series.values[i], b.series.values[j]));
    });
  } else {
    const series = a.kind === 'series' ? a.series : (b as { series: Series }).series;
    series.timestamps.forEach((t, i) => push(out, t, op(at(a, i), at(b, i))));
  }
  return { kind: 'series', series: out };
}

function push(out: Series, t: number, v: number) {
  if (!Number.isFinite(v)) return;
  out.timestamps.push(t);
  out.values.push(v);
}

const OPS: Record<string, (x: number, y: number) => number> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
};

const COMPARE: Record<string, (x: number, y: number) => number> = {
  '>': (x, y) => Number(x > y),
  '<': (x, y) => Number(x < y),
  '>=': (x, y) => Number(x >= y),
  '<=': (x, y) => Number(x <= y),
  '==': (x, y) => Number(x === y),
  '!=': (x, y) => Number(x !== y),
};

/** IF per datapoint: where the condition is non-zero the first value, else the second (a missing one leaves the datapoint out). */
function select(condition: MathValue, whenTrue: MathValue, whenFalse: MathValue): MathValue {
  const valueAt = (v: MathValue, t: number): number | undefined => {
    if (v.kind === 'scalar') return v.value;
    const i = v.series.timestamps.indexOf(t);
    return i < 0 ? undefined : v.series.values[i];
  };
  if (condition.kind === 'scalar') return condition.value !== 0 ? whenTrue : whenFalse;
  const out: Series = { timestamps: [], values: [] };
  condition.series.timestamps.forEach((t, i) => {
    const chosen = valueAt(condition.series.values[i] !== 0 ? whenTrue : whenFalse, t);
    if (chosen !== undefined) push(out, t, chosen);
  });
  return { kind: 'series', series: out };
}

/** Ids an expression refers to (to order evaluation and reject unknown ids). */
export function referencedIds(expression: string): string[] {
  return tokenize(expression)
    .filter((t): t is { type: 'id'; value: string } => t.type === 'id')
    .map(t => t.value);
}

/** Evaluates an expression; `resolve` returns the series of a query id. */
export function evaluateExpression(expression: string, resolve: (id: string) => Series): MathValue {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];

  // comparison := expr (cmp expr)? ; expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)*
  // factor := '-' factor | num | id | '(' comparison ')' | 'IF(' comparison ',' comparison ',' comparison ')'
  // Function declarations, so that the mutually recursive rules can refer to each other.
  function comparison(): MathValue {
    const left = expr();
    const t = peek();
    if (t && t.type === 'cmp') {
      pos++;
      return combine(left, expr(), COMPARE[t.value]);
    }
    return left;
  }
  function expect(type: 'comma' | 'paren', value: string, message: string) {
    const t = tokens[pos++];
    if (!t || t.type !== type || t.value !== value) throw new MetricMathError(message);
  }
  function expr(): MathValue {
    let left = term();
    for (let t = peek(); t && t.type === 'op' && (t.value === '+' || t.value === '-'); t = peek()) {
      pos++;
      left = combine(left, term(), OPS[t.value]);
    }
    return left;
  }
  function term(): MathValue {
    let left = factor();
    for (let t = peek(); t && t.type === 'op' && (t.value === '*' || t.value === '/'); t = peek()) {
      pos++;
      left = combine(left, factor(), OPS[t.value]);
    }
    return left;
  }
  function factor(): MathValue {
    const t = tokens[pos++];
    if (!t) throw new MetricMathError('Unexpected end of expression');
    if (t.type === 'op' && t.value === '-') return combine({ kind: 'scalar', value: -1 }, factor(), OPS['*']);
    if (t.type === 'num') return { kind: 'scalar', value: t.value };
    if (t.type === 'id') return { kind: 'series', series: resolve(t.value) };
    if (t.type === 'fn') {
      expect('paren', '(', 'IF needs its arguments in parentheses');
      const condition = comparison();
      expect('comma', ',', 'IF takes three arguments: IF(condition, trueValue, falseValue)');
      const whenTrue = comparison();
      expect('comma', ',', 'IF takes three arguments: IF(condition, trueValue, falseValue)');
      const whenFalse = comparison();
      expect('paren', ')', 'Missing closing parenthesis');
      return select(condition, whenTrue, whenFalse);
    }
    if (t.type === 'paren' && t.value === '(') {
      const inner = comparison();
      const close = tokens[pos++];
      if (!close || close.type !== 'paren' || close.value !== ')') {
        throw new MetricMathError('Missing closing parenthesis');
      }
      return inner;
    }
    throw new MetricMathError(`Unexpected "${t.value}"`);
  }

  const result = comparison();
  if (pos < tokens.length) throw new MetricMathError(`Unexpected "${tokens[pos].value}"`);
  return result;
}
