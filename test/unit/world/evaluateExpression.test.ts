import { describe, expect, it } from 'vitest';
import { calcTool } from '#core/world/calcTool.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { evaluateExpression, maximumExpressionLength } from '#core/world/evaluateExpression.ts';
import { evaluateState } from '#lab/world/ExpressionState.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';

function valueOf(expression: string): number | string {
  const result = evaluateExpression(expression);
  return result.ok ? result.value : `error: ${result.error}`;
}

describe('evaluateExpression', () => {
  it('computes with precedence, left associativity, unary minus and parentheses', () => {
    expect(valueOf('27*38')).toBe(1026);
    expect(valueOf('98+27*38')).toBe(1124);
    expect(valueOf('10-4-3')).toBe(3);
    expect(valueOf('2*3+4*5')).toBe(26);
    expect(valueOf('100/5/2')).toBe(10);
    expect(valueOf('-31+7')).toBe(-24);
    expect(valueOf('5-(-3)')).toBe(8);
    expect(valueOf('5--3')).toBe(8);
    expect(valueOf('(2+3)*4')).toBe(20);
    expect(valueOf(' 7 * ( 1 + 2 ) ')).toBe(21);
    expect(valueOf('-0')).toBe(0);
    expect(Object.is(valueOf('0*-5'), 0)).toBe(true);
  });

  it('agrees with exact arithmetic on 500 generated tasks', () => {
    for (const task of generateWorldTasks({ seed: 11, count: 500 })) {
      expect(valueOf(task.expression)).toBe(evaluateState({ values: task.operands, operators: task.operators }));
      expect(valueOf(task.expression)).toBe(task.answer);
    }
  });

  it('refuses anything that is not integer arithmetic, without running it', () => {
    let sideEffect = false;
    const globals = globalThis as { atroposProbe?: () => void };
    globals.atroposProbe = () => {
      sideEffect = true;
    };
    for (const input of [
      'atroposProbe()',
      'process.exit(1)',
      'globalThis.atroposProbe()',
      '1;atroposProbe()',
      '(()=>1)()',
      'constructor',
      '2**3',
      '1e3',
      '0x10',
      '1.5*2',
      'Math.PI',
      '1,2',
      '[1]',
      '"1"+1',
      '',
      '   ',
      '1+',
      '*2',
      '(1+2',
      '1+2)',
      '4 4',
    ]) {
      const result = evaluateExpression(input);
      expect(result.ok, input).toBe(false);
    }
    expect(sideEffect).toBe(false);
    delete globals.atroposProbe;
  });

  it('explains the refusals', () => {
    expect(valueOf('7/0')).toBe('error: division by zero');
    expect(valueOf('7/2')).toBe('error: 7/2 is not an integer');
    expect(valueOf('1.5')).toBe('error: only integers are allowed');
    expect(valueOf('2+x')).toBe('error: unexpected "x" at 3');
    expect(valueOf('(1+2')).toBe('error: missing ")"');
    expect(valueOf('1+')).toBe('error: expression ends too early');
    expect(valueOf('99999999*99999999')).toBe('error: number too large');
    expect(valueOf('9'.repeat(20))).toBe('error: number too large');
    expect(valueOf('1+'.repeat(150) + '1')).toBe(`error: expression longer than ${maximumExpressionLength} characters`);
    expect(valueOf('('.repeat(40) + '1' + ')'.repeat(40))).toBe('error: expression nested too deeply');
    expect(valueOf('-'.repeat(40) + '1')).toBe('error: expression nested too deeply');
  });
});

describe('the calc tool and the registry', () => {
  it('returns numbers for expressions and error strings for bad arguments', () => {
    expect(calcTool.run({ expr: '27*38' })).toBe(1026);
    expect(calcTool.run({ expr: '1/0' })).toBe('error: division by zero');
    expect(calcTool.run({ expression: '1+1' })).toBe('error: expected {"expr": "<expression>"}');
    expect(calcTool.run({ expr: 12 })).toBe('error: expected {"expr": "<expression>"}');
    expect(calcTool.run('1+1')).toBe('error: expected {"expr": "<expression>"}');
    expect(calcTool.run(null)).toBe('error: expected {"expr": "<expression>"}');
    expect(calcTool.run([{ expr: '1+1' }])).toBe('error: expected {"expr": "<expression>"}');
  });

  it('runs calls by name and answers an unknown tool with an error result', () => {
    const tools = createWorldTools();
    expect(tools.call('calc', { expr: '2+3*4' })).toBe(14);
    expect(tools.call('eval', { expr: '2+3' })).toBe('error: unknown tool "eval"');
    expect(tools.definitions).toEqual([
      {
        name: 'calc',
        description: 'integer arithmetic',
        parameters: { type: 'object', properties: { expr: { type: 'string' } } },
      },
    ]);
  });
});
