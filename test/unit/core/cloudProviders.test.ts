import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createTestEngine } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

describe('cloud providers in the engine', () => {
  it('stores the endpoint in settings and the key in the secret store, and never returns the key', () => {
    const created = createTestEngine();
    engine = created.engine;
    const saved = engine.saveCloudProvider({
      name: 'OpenRouter',
      api: 'openai',
      baseUrl: 'https://openrouter.ai/api/v1',
      model: 'gpt-4o-mini',
      apiKey: 'sk-or-v1-secret',
    });
    expect(saved).toMatchObject({ name: 'OpenRouter', hasKey: true, inputPerMillion: null });
    expect(created.ports.secrets.get(`cloud-provider:${saved.id}`)).toBe('sk-or-v1-secret');
    expect(JSON.stringify(engine.listCloudProviders())).not.toContain('sk-or-v1-secret');
    const { id, name, api, baseUrl, model } = saved;
    const updated = engine.saveCloudProvider({
      ...{ id, name, api, baseUrl, model },
      apiKey: null,
      inputPerMillion: 0.2,
      outputPerMillion: 0.8,
    });
    expect(updated).toMatchObject({ hasKey: false, inputPerMillion: 0.2 });
    engine.deleteCloudProvider(saved.id);
    expect(engine.listCloudProviders()).toEqual([]);
  });

  it('refuses bad input with a message that names the field', () => {
    engine = createTestEngine().engine;
    const base = { name: 'x', api: 'openai' as const, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o' };
    expect(() => engine?.saveCloudProvider({ ...base, baseUrl: 'ftp://host' })).toThrow(/baseUrl/);
    expect(() => engine?.saveCloudProvider({ ...base, inputPerMillion: -3 })).toThrow(/inputPerMillion/);
    expect(() => engine?.saveCloudProvider({ ...base, id: 'missing' })).toThrow(/No cloud provider with id missing/);
    expect(() => engine?.deleteCloudProvider('missing')).toThrow(/No cloud provider/);
  });
});
