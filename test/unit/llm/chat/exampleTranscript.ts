import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { calcTool } from '#core/world/calcTool.ts';

const calc = { name: calcTool.name, description: calcTool.description, parameters: calcTool.parameters };

/** The ideal transcript of 98+27*38. */
export const exampleTranscript: Transcript = {
  tools: [calc],
  messages: [
    { role: 'system', text: 'Use calc per operation. Answer with the number.' },
    { role: 'user', text: 'What is 98+27*38?' },
    { role: 'assistant', text: '', toolCalls: [{ id: 'call-1', name: 'calc', arguments: { expr: '27*38' } }] },
    { role: 'tool', callId: 'call-1', name: 'calc', result: 1026 },
    { role: 'assistant', text: '', toolCalls: [{ id: 'call-2', name: 'calc', arguments: { expr: '98+1026' } }] },
    { role: 'tool', callId: 'call-2', name: 'calc', result: 1124 },
    { role: 'assistant', text: '1124', toolCalls: [] },
  ],
};

/** What `renderTranscript` makes of it, BOS and EOS written `<s>` and `</s>`. */
export const exampleText = [
  '<s>S: Use calc per operation. Answer with the number.',
  'T: calc({"expr": string}) - integer arithmetic',
  'U: What is 98+27*38?',
  'A: [[call: calc({"expr": "27*38"})]]',
  '[[result: 1026]]',
  '[[call: calc({"expr": "98+1026"})]]',
  '[[result: 1124]]',
  '1124</s>',
].join('\n');
