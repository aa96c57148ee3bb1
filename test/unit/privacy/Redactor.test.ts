import { describe, expect, it } from 'vitest';
import { EngineError } from '#core/errors.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { Redactor } from '#core/privacy/Redactor.ts';
import { restore, restoreJson, restoreTranscript } from '#core/privacy/restore.ts';

const redactor = new Redactor();

describe('Redactor: placeholders', () => {
  it('numbers placeholders per type and reuses one for the same original', () => {
    const vault = new RedactionVault();
    const text = 'Mail ana@example.org, then bo@example.org, then ana@example.org again; call +44 20 7946 0958.';
    const result = redactor.redact(text, vault);
    expect(result.redacted).toBe('Mail [EMAIL_1], then [EMAIL_2], then [EMAIL_1] again; call [PHONE_1].');
    expect(result.placeholders).toEqual(['[EMAIL_1]', '[EMAIL_2]', '[EMAIL_1]', '[PHONE_1]']);
    expect(result.spans.map((span) => text.slice(span.start, span.end))).toEqual([
      'ana@example.org',
      'bo@example.org',
      'ana@example.org',
      '+44 20 7946 0958',
    ]);
  });

  it('keeps numbering stable across calls that share a vault', () => {
    const vault = new RedactionVault();
    redactor.redact('from ana@example.org', vault);
    expect(redactor.redact('to bo@example.org and ana@example.org', vault).redacted).toBe('to [EMAIL_2] and [EMAIL_1]');
  });

  it('restores a cloud answer (round trip) and survives persisting the vault', () => {
    const vault = new RedactionVault();
    const text = 'Dear Maria Garcia, your IBAN DE89 3704 0044 0532 0130 00 is on file.';
    const { redacted } = redactor.redact(text, vault);
    expect(redacted).not.toContain('Maria');
    const reloaded = new RedactionVault(
      JSON.parse(JSON.stringify(vault.entries())) as ReturnType<RedactionVault['entries']>,
    );
    expect(restore(redacted, reloaded)).toBe(text);
    expect(reloaded.placeholderFor('person', 'Ana Silva')).toBe('[PERSON_2]');
  });

  it('refuses to restore a placeholder the vault does not hold', () => {
    const vault = new RedactionVault();
    redactor.redact('ana@example.org', vault);
    expect(() => restore('Write to [EMAIL_1] and [EMAIL_7].', vault)).toThrow(/\[EMAIL_7\].*no value/);
    try {
      restore('[PERSON_3]', vault);
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('not-found');
    }
  });

  it('leaves bracketed text that is not a redaction label alone', () => {
    expect(restore('see [NOTE_1] and arr[0]', new RedactionVault())).toBe('see [NOTE_1] and arr[0]');
  });

  it('rejects a corrupted stored vault', () => {
    expect(() => new RedactionVault([{ placeholder: 'EMAIL_1', type: 'email', original: 'x' }])).toThrow(EngineError);
    expect(
      () =>
        new RedactionVault([
          { placeholder: '[EMAIL_1]', type: 'email', original: 'a@b.cd' },
          { placeholder: '[EMAIL_1]', type: 'email', original: 'c@d.ef' },
        ]),
    ).toThrow(/twice/);
  });
});

describe('Redactor: options', () => {
  it('turns entity types off', () => {
    const noEmail = new Redactor({ types: { email: false } });
    expect(noEmail.redact('sales@example.org from 10.0.0.7').redacted).toBe('sales@example.org from [IP_ADDRESS_1]');
  });

  it('never redacts allow-listed strings', () => {
    const allowing = new Redactor({ allowList: ['support@atropos.example', 'Berlin'] });
    expect(allowing.redact('Write support@atropos.example or ana@example.org in Berlin').redacted).toBe(
      'Write support@atropos.example or [EMAIL_1] in Berlin',
    );
  });

  it("applies the profile's own patterns with their labels, and restores them", () => {
    const custom = new Redactor({
      customPatterns: [
        { pattern: 'EMP-\\d{6}', label: 'EMPLOYEE_ID' },
        { pattern: 'project \\w+', caseInsensitive: true },
      ],
    });
    const vault = new RedactionVault();
    const { redacted } = custom.redact('EMP-123456 leads Project Falcon', vault);
    expect(redacted).toBe('[EMPLOYEE_ID_1] leads [CUSTOM_1]');
    expect(restore('Ask [EMPLOYEE_ID_1] about [CUSTOM_1]', vault)).toBe('Ask EMP-123456 about Project Falcon');
    expect(() => restore('[EMPLOYEE_ID_2]', vault)).toThrow(/no value/);
  });

  it.each([
    ['(unclosed', /"\(unclosed" is not a valid regular expression/],
    ['a*', /matches empty text/],
  ])('rejects the malformed custom pattern %s with invalid-request', (pattern, message) => {
    try {
      new Redactor({ customPatterns: [{ pattern }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('invalid-request');
      expect((error as Error).message).toMatch(message);
    }
  });

  it('rejects a malformed custom label', () => {
    expect(() => new Redactor({ customPatterns: [{ pattern: 'x', label: 'bad label' }] })).toThrow(/label "bad label"/);
  });
});

describe('Redactor: JSON and transcripts', () => {
  it('redacts every string of a JSON value, keys included, and restores it', () => {
    const vault = new RedactionVault();
    const value = {
      path: '/home/ana',
      contents: ['ssh admin@10.1.2.3', { 'ana@example.org': 42, ok: true }],
      size: null,
    };
    const redacted = redactor.redactJson(value, vault);
    expect(JSON.stringify(redacted)).not.toMatch(/10\.1\.2\.3|ana@example/);
    expect(restoreJson(redacted, vault)).toEqual(value);
  });

  it('redacts everything of a transcript that would leave, counts it, and restores it', () => {
    const transcript: Transcript = {
      tools: [{ name: 'read_file', description: 'Reads a file', parameters: null }],
      messages: [
        { role: 'system', text: 'You help Maria Garcia.' },
        { role: 'user', text: 'Summarise notes.txt and mail it to ana@example.org' },
        {
          role: 'assistant',
          text: 'Reading it.',
          toolCalls: [{ id: 'c1', name: 'read_file', arguments: { path: 'notes.txt', cc: 'ana@example.org' } }],
        },
        { role: 'tool', callId: 'c1', name: 'read_file', result: 'DB_PASSWORD=hunter2! and card 4111 1111 1111 1111' },
      ],
    };
    const vault = new RedactionVault();
    const { transcript: redacted, counts } = redactor.redactTranscript(transcript, vault);
    const sent = JSON.stringify(redacted);
    for (const secret of ['Maria', 'ana@example.org', 'hunter2', '4111']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[EMAIL_1]');
    expect(counts).toEqual({ person: 1, email: 2, password: 1, credit_card: 1 });
    expect(redacted.tools).toBe(transcript.tools);
    expect(restoreTranscript(redacted, vault)).toEqual(transcript);
  });
});
