// The cloud provider form says in one sentence what to type before anything is sent, so the host's
// schema message ("Invalid request for cloud:save: name: Too small…") never reaches the person; what
// it lets through is what the cloud:save schema accepts.
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import { cloudDraftProblem } from '../../renderer/src/screens/models/CloudProviderForm.tsx';

const filled = {
  name: 'Work cloud',
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  inputPerMillion: '',
  outputPerMillion: '0.6',
};

describe('cloudDraftProblem', () => {
  it('names the first missing field in plain words', () => {
    expect(cloudDraftProblem({ ...filled, name: '  ' })).toMatch(/^Give the provider a name/);
    expect(cloudDraftProblem({ ...filled, baseUrl: 'api.openai.com/v1' })).toMatch(/^The base URL starts with https:/);
    expect(cloudDraftProblem({ ...filled, model: '' })).toMatch(/model's name/);
    expect(cloudDraftProblem({ ...filled, inputPerMillion: 'cheap' })).toMatch(/^Prices are US dollars/);
    expect(cloudDraftProblem({ ...filled, outputPerMillion: '-1' })).toMatch(/^Prices are US dollars/);
  });

  it('never uses the schema words or channel names', () => {
    const empty = { name: '', baseUrl: '', model: '', inputPerMillion: '', outputPerMillion: '' };
    expect(cloudDraftProblem(empty)).not.toMatch(/cloud:save|expected|Invalid request/);
  });

  it('lets through only what the cloud:save schema accepts', () => {
    expect(cloudDraftProblem(filled)).toBeUndefined();
    const parsed = requestSchemas['cloud:save'].safeParse({
      name: filled.name,
      api: 'openai',
      baseUrl: filled.baseUrl,
      model: filled.model,
      inputPerMillion: null,
      outputPerMillion: 0.6,
    });
    expect(parsed.success).toBe(true);
    for (const broken of [{ name: '' }, { model: ' ' }, { baseUrl: 'ftp://x' }]) {
      const draft = { ...filled, ...broken };
      const schema = requestSchemas['cloud:save'].safeParse({
        ...draft,
        api: 'openai',
        inputPerMillion: null,
        outputPerMillion: null,
      });
      expect(schema.success, JSON.stringify(broken)).toBe(false);
      expect(cloudDraftProblem(draft), JSON.stringify(broken)).toBeDefined();
    }
  });
});
