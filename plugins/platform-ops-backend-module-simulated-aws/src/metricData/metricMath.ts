/**
 * CloudWatch metric math, the part the product uses: + - * / between query ids, constants
 * and parentheses (e.g. "visible / inService" for backlog per instance). Series combine on
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
  | { type: 'paren'; value: '(' | ')' };

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
        throw new MetricMathError(`Unsupported function ${m[0]} in the simulated account`);
      }
      tokens.push({ type: 'id', value: m[0] });
      i += m[0].length;
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

  // expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ; factor := '-' factor | num | id | '(' expr ')'
  // Function declarations, so that the mutually recursive rules can refer to each other.
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
    if (t.type === 'paren' && t.value === '(') {
      const inner = expr();
      const close = tokens[pos++];
      if (!close || close.type !== 'paren' || close.value !== ')') {
        throw new MetricMathError('Missing closing parenthesis');
      }
      return inner;
    }
    throw new MetricMathError(`Unexpected "${t.value}"`);
  }

  const result = expr();
  if (pos < tokens.length) throw new MetricMathError(`Unexpected "${tokens[pos].value}"`);
  return result;
}
