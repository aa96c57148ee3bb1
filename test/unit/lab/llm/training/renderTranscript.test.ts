import { describe, expect, it } from 'vitest';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { solveTask } from '#lab/world/solveTask.ts';
import { exampleText, exampleTranscript } from '../../../llm/chat/exampleTranscript.ts';

describe('renderTranscript', () => {
  it('renders the compact format', () => {
    expect(renderTranscript(exampleTranscript).text).toBe(exampleText);
  });

  it('says who wrote each piece: the template, the model or the tool', () => {
    const { pieces } = renderTranscript(exampleTranscript);
    expect(pieces).toEqual([
      { kind: 'bos', author: 'prompt' },
      { kind: 'text', author: 'prompt', text: exampleText.slice(3, exampleText.indexOf('[[call')) },
      { kind: 'text', author: 'model', text: '[[call: calc({"expr": "27*38"})]]' },
      { kind: 'text', author: 'tool', text: '\n[[result: 1026]]\n' },
      { kind: 'text', author: 'model', text: '[[call: calc({"expr": "98+1026"})]]' },
      { kind: 'text', author: 'tool', text: '\n[[result: 1124]]\n' },
      { kind: 'text', author: 'model', text: '1124' },
      { kind: 'eos', author: 'model' },
    ]);
    expect(pieces.at(1)).toMatchObject({ text: expect.stringMatching(/\nA: $/) as unknown });
  });

  it('closes earlier turns with EOS and a newline, and leaves an unfinished last turn open', () => {
    const followUp: Transcript = {
      ...exampleTranscript,
      messages: [...exampleTranscript.messages, { role: 'user', text: 'And 2+2?' }],
    };
    expect(renderTranscript(followUp).text).toBe(`${exampleText}\nU: And 2+2?\n`);
    const open: Transcript = { ...exampleTranscript, messages: exampleTranscript.messages.slice(0, 4) };
    expect(renderTranscript(open).text).toBe(exampleText.slice(0, exampleText.indexOf('[[call: calc({"expr": "98')));
    const cut: Transcript = { ...followUp, messages: [...open.messages, { role: 'user', text: 'Stop.' }] };
    const { pieces } = renderTranscript(cut);
    expect(pieces.at(-2)).toEqual({ kind: 'eos', author: 'prompt' });
  });

  it('renders strings as JSON, tools without parameters as name(), and missing results as void', () => {
    const transcript: Transcript = {
      tools: [{ name: 'now', description: '', parameters: null }],
      messages: [
        { role: 'user', text: 'Time?' },
        {
          role: 'assistant',
          text: 'Checking. ',
          toolCalls: [
            { id: 'a', name: 'now', arguments: {} },
            { id: 'b', name: 'calc', arguments: { expr: '1/0' } },
          ],
        },
        { role: 'tool', callId: 'a', name: 'now', result: 'noon' },
      ],
    };
    expect(renderTranscript(transcript).text).toBe(
      '<s>T: now()\nU: Time?\nA: Checking. [[call: now()]]\n[[result: "noon"]]\n[[call: calc({"expr": "1/0"})]]\n[[result: void]]\n',
    );
  });

  it('keeps every ideal transcript short', () => {
    const lengths = generateWorldTasks({ seed: 1, count: 300 }).map((task) => ({
      operators: task.operators.length,
      length: renderTranscript(solveTask(task).transcript).text.length,
    }));
    for (const operators of [1, 2, 3]) {
      const longest = Math.max(...lengths.filter((item) => item.operators === operators).map((item) => item.length));
      expect(longest).toBeLessThanOrEqual(160 + 70 * operators);
    }
  });
});
