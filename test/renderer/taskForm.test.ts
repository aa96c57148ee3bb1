// Where the task form sends an escalation: a saved provider by id, none (null: the engine must not
// fall back to the profile's default), or an endpoint typed in the form with its key only when one
// was typed, so a keyless endpoint never gets a placeholder credential.
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import { defaultProviderOptions } from '../../renderer/src/screens/settings/DefaultProviderSection.tsx';
import { renderWithBridge } from './silentBridge.ts';
import { providerFields, TaskForm } from '../../renderer/src/screens/tasks/TaskForm.tsx';

const endpoint = { api: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: '' };

describe('providerFields', () => {
  it('names a saved provider by id, and none as null', () => {
    expect(providerFields('p-1', endpoint)).toEqual({ cloudProviderId: 'p-1' });
    expect(providerFields('none', endpoint)).toEqual({ cloudProviderId: null });
  });

  it('sends a typed endpoint with its key only when one was typed', () => {
    expect(providerFields('endpoint', endpoint)).toEqual({
      cloud: { api: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm' },
    });
    expect(providerFields('endpoint', { ...endpoint, apiKey: 'k' }).cloud).toMatchObject({ apiKey: 'k' });
  });

  it('gives requests the task:start schema accepts', () => {
    for (const choice of ['p-1', 'none', 'endpoint']) {
      const parsed = requestSchemas['task:start'].safeParse({ prompt: 'hi', ...providerFields(choice, endpoint) });
      expect(parsed.success, choice).toBe(true);
    }
  });
});

describe('defaultProviderOptions (Settings)', () => {
  const entry = (id: string, isDefault: boolean) => ({
    id,
    name: `P ${id}`,
    api: 'openai' as const,
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'm',
    inputPerMillion: 3,
    outputPerMillion: 15,
    hasKey: true,
    isDefault,
  });

  it('lists every saved provider and none, with the default chosen (none when there is none)', () => {
    const withDefault = defaultProviderOptions([entry('a', false), entry('b', true)]);
    expect(withDefault.options.map((option) => option.value)).toEqual(['a', 'b', '']);
    expect(withDefault.selected).toBe('b');
    expect(defaultProviderOptions([entry('a', false)]).selected).toBe('');
  });
});

// The form as a person reads it: rendered with React's server renderer over a bridge that never answers.
function renderForm(): string {
  const form = createElement(TaskForm, {
    isRunning: false,
    isStarting: false,
    onRun: () => undefined,
    onCancel: () => undefined,
  });
  return renderWithBridge(form);
}

/** The text of the label for `id`, and of its hint (`id`-hint). */
function labelAndHint(html: string, id: string): [string | undefined, string | undefined] {
  const label = new RegExp(`<label for="${id}">([^<]*)</label>`).exec(html)?.[1];
  const hint = new RegExp(`<span id="${id}-hint" class="field-hint">([^<]*)</span>`).exec(html)?.[1];
  return [label, hint];
}

describe('TaskForm wording', () => {
  it('names the practice task and the checkpoint in plain words, each with a one-line hint', () => {
    const html = renderForm();
    const [worldLabel, worldHint] = labelAndHint(html, 'task-world');
    expect(worldLabel).toBe('Practice task number');
    expect(worldHint).toMatch(/built-in arithmetic task .*instead of a question/);
    const [checkpointLabel, checkpointHint] = labelAndHint(html, 'task-checkpoint');
    expect(checkpointLabel).toBe('Check for failure after');
    expect(checkpointHint).toMatch(/steps per path .*before deciding on cloud help/i);
    expect(html).not.toMatch(/>(World task number|Checkpoint)</);
  });

  it("offers the CLI run's --seed, --hotswap and --select under More options, in words with their ranges", () => {
    const html = renderForm();
    expect(html).toContain(
      '<summary>More options (random seed, longest answer, local model, how cloud help takes over)</summary>',
    );
    expect(labelAndHint(html, 'task-seed')).toEqual([
      'Random seed',
      '0 to 2147483647; the same seed repeats the same paths',
    ]);
    expect(labelAndHint(html, 'task-hotswap')[0]).toBe('How cloud help takes over');
    expect(labelAndHint(html, 'task-select')).toEqual([
      'Paths handed over',
      '1 to 32, when only the most promising go',
    ]);
    const seedInput = /<input id="task-seed"[^>]*>/.exec(html)?.[0] ?? '';
    expect(seedInput).toMatch(/ min="0"/);
    expect(seedInput).toMatch(/ max="2147483647"/);
    expect(seedInput).toMatch(/ type="number"/);
    expect(html).not.toMatch(/>[^<]*(hotswap|selectCount)[^<]*</i);
  });

  it("offers the CLI run's --max-tokens and --model as 'Longest answer (tokens)' and 'Local model'", () => {
    const html = renderForm();
    expect(labelAndHint(html, 'task-max-tokens')).toEqual([
      'Longest answer (tokens)',
      'What each path may write, 1 to 131072; empty: 256',
    ]);
    const tokensInput = /<input id="task-max-tokens"[^>]*>/.exec(html)?.[0] ?? '';
    expect(tokensInput).toMatch(/ min="1"/);
    expect(tokensInput).toMatch(/ max="131072"/);
    expect(tokensInput).toMatch(/ placeholder="256"/);
    expect(labelAndHint(html, 'task-local-model')).toEqual(['Local model', 'The models the Models screen lists']);
    // Before model:list answers, the choice is the model chosen in Models (nothing is sent).
    expect(html).toMatch(
      /<select id="task-local-model"[^>]*><option value="" selected="">The one chosen in Models<\/option><\/select>/,
    );
    expect(html).not.toMatch(/>[^<]*(maxTokens|localModel|max-tokens)[^<]*</i);
  });
});
