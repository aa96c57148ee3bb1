/** The outcome of evaluating an expression: its integer value or why it was refused. */
export type EvaluationResult =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

/** Longer input is refused before it is read. */
export const maximumExpressionLength = 200;
const maximumDepth = 32;

/**
 * Evaluates integer arithmetic with a hand-written recursive-descent parser (never eval or
 * Function): non-negative integer literals, `+ - * /`, unary minus, parentheses and spaces, with
 * the usual precedence and left associativity. Anything else is refused with a reason: other
 * characters, decimals, division by zero or with a remainder, results beyond 2^53, input longer than
 * {@link maximumExpressionLength} or nested deeper than 32.
 *
 * Grammar: `sum := product (("+" | "-") product)*`, `product := unary (("*" | "/") unary)*`,
 * `unary := "-" unary | "(" sum ")" | digits`.
 */
export function evaluateExpression(expression: string): EvaluationResult {
  if (expression.length > maximumExpressionLength) {
    return { ok: false, error: `expression longer than ${maximumExpressionLength} characters` };
  }
  const parser = new Parser(expression);
  try {
    const value = parser.parseSum(0);
    parser.skipSpaces();
    if (!parser.isAtEnd()) parser.fail(`unexpected "${parser.peek()}" at ${parser.position + 1}`);
    return { ok: true, value: value === 0 ? 0 : value };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, error: error.message };
    throw error;
  }
}

class ExpressionError extends Error {}

class Parser {
  position = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  isAtEnd(): boolean {
    return this.position >= this.#text.length;
  }

  peek(): string {
    return this.#text[this.position] ?? '';
  }

  fail(message: string): never {
    throw new ExpressionError(message);
  }

  skipSpaces(): void {
    while (this.peek() === ' ') this.position += 1;
  }

  parseSum(depth: number): number {
    let value = this.parseProduct(depth);
    for (;;) {
      this.skipSpaces();
      const operator = this.peek();
      if (operator !== '+' && operator !== '-') return value;
      this.position += 1;
      const right = this.parseProduct(depth);
      value = checked(operator === '+' ? value + right : value - right);
    }
  }

  parseProduct(depth: number): number {
    let value = this.parseUnary(depth);
    for (;;) {
      this.skipSpaces();
      const operator = this.peek();
      if (operator !== '*' && operator !== '/') return value;
      this.position += 1;
      const right = this.parseUnary(depth);
      if (operator === '*') value = checked(value * right);
      else if (right === 0) this.fail('division by zero');
      else if (value % right !== 0) this.fail(`${value}/${right} is not an integer`);
      else value = value / right;
    }
  }

  parseUnary(depth: number): number {
    if (depth > maximumDepth) this.fail('expression nested too deeply');
    this.skipSpaces();
    const character = this.peek();
    if (character === '-') {
      this.position += 1;
      return -this.parseUnary(depth + 1);
    }
    if (character === '(') {
      this.position += 1;
      const value = this.parseSum(depth + 1);
      this.skipSpaces();
      if (this.peek() !== ')') this.fail(this.isAtEnd() ? 'missing ")"' : `expected ")" at ${this.position + 1}`);
      this.position += 1;
      return value;
    }
    return this.parseInteger();
  }

  parseInteger(): number {
    const start = this.position;
    while (/[0-9]/.test(this.peek())) this.position += 1;
    if (this.position === start) {
      this.fail(this.isAtEnd() ? 'expression ends too early' : `unexpected "${this.peek()}" at ${start + 1}`);
    }
    if (this.peek() === '.') this.fail('only integers are allowed');
    return checked(Number(this.#text.slice(start, this.position)));
  }
}

function checked(value: number): number {
  if (!Number.isSafeInteger(value)) throw new ExpressionError('number too large');
  return value;
}
