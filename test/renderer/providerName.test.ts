import { describe, expect, it } from 'vitest';
import { providerName } from '../../renderer/src/format/providerName.ts';

describe('providerName', () => {
  it('reads the engine provider ids as a model and where it runs', () => {
    expect(providerName('local:source.gguf')).toBe('source.gguf');
    expect(providerName('openai:127.0.0.1:37611/atropos-world-target')).toBe('atropos-world-target at 127.0.0.1:37611');
    expect(providerName('anthropic:claude-3-5-haiku')).toBe('claude-3-5-haiku');
    expect(providerName('openai:gpt-4o')).toBe('gpt-4o');
    expect(providerName('something else')).toBe('something else');
  });
});
