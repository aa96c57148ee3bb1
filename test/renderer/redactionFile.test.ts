// Privacy's live preview takes a text file as its sample (the window's counterpart of the CLI's
// `redact` on a file): the file's text fills the sample box, cut to what the engine's preview takes,
// with a note when it was cut. Rendered with React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import {
  maxSampleLength,
  RedactionPreviewPanel,
  sampleFromFile,
} from '../../renderer/src/screens/privacy/RedactionPreviewPanel.tsx';

const settings = { types: {}, customPatterns: [], allowList: [] };

describe('sampleFromFile', () => {
  it('fills the sample with a short file as it is, with no note', () => {
    expect(sampleFromFile('notes.txt', 'Mail ana@example.com')).toEqual({
      sample: 'Mail ana@example.com',
      note: undefined,
    });
  });

  it('cuts a long file to what the preview takes, says so, and the preview request is accepted', () => {
    const loaded = sampleFromFile('big.jsonl', 'x'.repeat(maxSampleLength + 5));
    expect(loaded.sample).toHaveLength(maxSampleLength);
    expect(loaded.note).toBe('big.jsonl is longer than 20,000 characters: the preview shows its beginning only.');
    const request = { text: loaded.sample, settings };
    const accepted = requestSchemas['privacy:preview-redaction'].safeParse(request);
    expect(accepted.success, JSON.stringify(accepted.error?.issues.slice(0, 2))).toBe(true);
    expect(
      requestSchemas['privacy:preview-redaction'].safeParse({ ...request, text: `${loaded.sample}x` }).success,
    ).toBe(false);
  });

  it('offers a file picker beside the sample box, labelled in words', () => {
    const html = renderToStaticMarkup(
      createElement(RedactionPreviewPanel, {
        sample: '',
        onSampleChange: () => undefined,
        preview: { data: undefined, error: undefined, isLoading: true, reload: () => undefined },
      }),
    );
    expect(html).toContain('<label for="redaction-file">Or fill it from a text file</label>');
    expect(html).toMatch(/<input id="redaction-file" type="file"/);
  });
});
