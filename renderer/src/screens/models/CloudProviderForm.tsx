import { useState, type FormEvent } from 'react';
import type { CloudProviderEntry } from '#shared/domain.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** Props of CloudProviderForm. */
export type CloudProviderFormProps = {
  /** The provider being edited; undefined adds a new one. */
  readonly editing: CloudProviderEntry | undefined;
  readonly onSaved: (entry: CloudProviderEntry) => void;
  readonly onCancel: () => void;
};

type Draft = {
  name: string;
  api: 'openai' | 'anthropic';
  baseUrl: string;
  model: string;
  apiKey: string;
  isRemovingKey: boolean;
  inputPerMillion: string;
  outputPerMillion: string;
};

const defaultUrls = { openai: 'https://api.openai.com/v1', anthropic: 'https://api.anthropic.com' } as const;

function toDraft(entry: CloudProviderEntry | undefined): Draft {
  return {
    name: entry?.name ?? '',
    api: entry?.api ?? 'openai',
    baseUrl: entry?.baseUrl ?? defaultUrls.openai,
    model: entry?.model ?? '',
    apiKey: '',
    isRemovingKey: false,
    inputPerMillion: entry?.inputPerMillion?.toString() ?? '',
    outputPerMillion: entry?.outputPerMillion?.toString() ?? '',
  };
}

/** An empty price means the default price table's; otherwise a non-negative number of dollars. */
function parsePrice(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The fields {@link cloudDraftProblem} reads. */
export type CloudDraftFields = Pick<Draft, 'name' | 'baseUrl' | 'model' | 'inputPerMillion' | 'outputPerMillion'>;

/**
 * What is missing or wrong in the form, as one sentence that says what to type, or undefined when
 * it can be sent: checked here so the host's schema message (channel names, "expected string to
 * have >=1 characters") never reaches the person.
 */
export function cloudDraftProblem(draft: CloudDraftFields): string | undefined {
  if (draft.name.trim() === '') return 'Give the provider a name, such as OpenAI or Work Claude.';
  if (!/^https?:\/\/[^\s/]+/i.test(draft.baseUrl.trim()))
    return 'The base URL starts with https:// (or http://), such as https://api.openai.com/v1.';
  if (draft.model.trim() === '') return "Type the model's name as the provider spells it, such as gpt-4o-mini.";
  if (parsePrice(draft.inputPerMillion) === undefined || parsePrice(draft.outputPerMillion) === undefined)
    return 'Prices are US dollars per million tokens, such as 0.15; leave empty for the default.';
  return undefined;
}

/**
 * Adds or edits a cloud provider. The key field is write-only: a stored key is never shown or sent
 * back; leaving the field empty keeps it.
 */
export function CloudProviderForm({ editing, onSaved, onCancel }: CloudProviderFormProps) {
  const save = useInvokeAction('cloud:save');
  const [draft, setDraft] = useState<Draft>(() => toDraft(editing));
  const [formProblem, setFormProblem] = useState<string | undefined>(undefined);
  const set = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problem = cloudDraftProblem(draft);
    setFormProblem(problem);
    const input = parsePrice(draft.inputPerMillion);
    const output = parsePrice(draft.outputPerMillion);
    if (problem !== undefined || input === undefined || output === undefined) return;
    const apiKey = draft.isRemovingKey ? null : draft.apiKey === '' ? undefined : draft.apiKey;
    void save
      .run({
        ...(editing === undefined ? {} : { id: editing.id }),
        name: draft.name,
        api: draft.api,
        baseUrl: draft.baseUrl.trim(),
        model: draft.model,
        inputPerMillion: input,
        outputPerMillion: output,
        ...(apiKey === undefined ? {} : { apiKey }),
      })
      .then((result) => {
        if (result.ok) {
          setDraft(toDraft(undefined));
          onSaved(result.value);
        }
      });
  }

  const title = editing === undefined ? 'Add a cloud provider' : `Edit ${editing.name}`;
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="cloud-form-title" data-testid="cloud-form">
      <h3 id="cloud-form-title">{title}</h3>
      <EndpointFields draft={draft} set={set} />
      <KeyAndPriceFields draft={draft} set={set} hasStoredKey={editing?.hasKey === true} />
      {formProblem !== undefined && (
        <p className="field-error" role="alert">
          {formProblem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isRunning}>
          {save.isRunning ? 'Saving…' : editing === undefined ? 'Add provider' : 'Save provider'}
        </button>
        {editing !== undefined && (
          <button type="button" onClick={onCancel}>
            Cancel editing
          </button>
        )}
      </div>
      {save.error !== undefined && <ErrorMessage error={save.error} title="Could not save the provider." />}
    </form>
  );
}

type FieldsProps = { readonly draft: Draft; readonly set: (patch: Partial<Draft>) => void };

/** Where the provider is: its name, API, base URL and model. */
function EndpointFields({ draft, set }: FieldsProps) {
  return (
    <div className="form-row">
      <div className="form-field">
        <label htmlFor="cloud-name">Name</label>
        <input id="cloud-name" value={draft.name} onChange={(event) => set({ name: event.target.value })} />
      </div>
      <div className="form-field">
        <label htmlFor="cloud-api">API</label>
        <select
          id="cloud-api"
          value={draft.api}
          onChange={(event) => {
            const api = event.target.value as Draft['api'];
            set({ api, baseUrl: draft.baseUrl === defaultUrls[draft.api] ? defaultUrls[api] : draft.baseUrl });
          }}
        >
          <option value="openai">OpenAI-compatible</option>
          <option value="anthropic">Anthropic</option>
        </select>
      </div>
      <div className="form-field wide-field">
        <label htmlFor="cloud-base-url">Base URL</label>
        <input
          id="cloud-base-url"
          value={draft.baseUrl}
          spellCheck={false}
          onChange={(event) => set({ baseUrl: event.target.value })}
        />
      </div>
      <div className="form-field">
        <label htmlFor="cloud-model">Model</label>
        <input
          id="cloud-model"
          value={draft.model}
          spellCheck={false}
          onChange={(event) => set({ model: event.target.value })}
        />
      </div>
    </div>
  );
}

/** The write-only key (or removing the stored one) and the prices per million tokens. */
function KeyAndPriceFields({ draft, set, hasStoredKey }: FieldsProps & { readonly hasStoredKey: boolean }) {
  return (
    <div className="form-row">
      <div className="form-field">
        <label htmlFor="cloud-key">API key</label>
        <input
          id="cloud-key"
          type="password"
          autoComplete="off"
          value={draft.apiKey}
          disabled={draft.isRemovingKey}
          placeholder={hasStoredKey ? 'Stored; leave empty to keep it' : 'Not stored'}
          onChange={(event) => set({ apiKey: event.target.value })}
          aria-describedby="cloud-key-hint"
        />
        <p id="cloud-key-hint" className="field-hint">
          Kept in the system&apos;s secret store and never shown again.
        </p>
        {hasStoredKey && (
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={draft.isRemovingKey}
              onChange={(event) => set({ isRemovingKey: event.target.checked, apiKey: '' })}
            />{' '}
            Remove the stored key
          </label>
        )}
      </div>
      <div className="form-field">
        <label htmlFor="cloud-input-price">Input price (USD per million tokens)</label>
        <input
          id="cloud-input-price"
          inputMode="decimal"
          placeholder="Default price table"
          value={draft.inputPerMillion}
          onChange={(event) => set({ inputPerMillion: event.target.value })}
        />
      </div>
      <div className="form-field">
        <label htmlFor="cloud-output-price">Output price (USD per million tokens)</label>
        <input
          id="cloud-output-price"
          inputMode="decimal"
          placeholder="Default price table"
          value={draft.outputPerMillion}
          onChange={(event) => set({ outputPerMillion: event.target.value })}
        />
      </div>
    </div>
  );
}
