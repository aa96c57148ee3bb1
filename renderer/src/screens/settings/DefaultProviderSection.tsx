import { useState } from 'react';
import type { CloudProviderEntry } from '#shared/domain.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** The choices of the default-provider select: every saved provider, then none; and which is chosen. */
export function defaultProviderOptions(list: readonly CloudProviderEntry[]): {
  options: { value: string; name: string }[];
  selected: string;
} {
  return {
    options: [
      ...list.map((entry) => ({ value: entry.id, name: `${entry.name} (${entry.model})` })),
      { value: '', name: 'None: tasks stay on this computer unless they pick a provider' },
    ],
    selected: list.find((entry) => entry.isDefault)?.id ?? '',
  };
}

/** Where the active profile's tasks escalate when they pick no provider (the same choice as Models > Make default). */
export function DefaultProviderSection() {
  const providers = useInvoke('cloud:list', {});
  const setDefault = useInvokeAction('cloud:set-default');
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <section className="screen-section" aria-labelledby="default-provider-title">
      <h2 id="default-provider-title">Cloud provider for this profile</h2>
      <AsyncContent state={providers} label="the cloud providers">
        {(list) => {
          const { options, selected } = defaultProviderOptions(list);
          return (
            <div className="form-field">
              <label htmlFor="default-provider">Escalations go to</label>
              <select
                id="default-provider"
                value={selected}
                disabled={setDefault.isRunning}
                onChange={(event) => {
                  const id = event.target.value === '' ? null : event.target.value;
                  void setDefault.run({ id }).then((result) => {
                    if (!result.ok) return;
                    setSaved(options.find((option) => option.value === (id ?? ''))?.name ?? null);
                    providers.reload();
                  });
                }}
              >
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.name}
                  </option>
                ))}
              </select>
              <span className="field-hint">Add providers, with their key and prices, in Models.</span>
            </div>
          );
        }}
      </AsyncContent>
      {saved !== null && <StatusMessage>Saved: {saved}.</StatusMessage>}
      {setDefault.error !== undefined && (
        <ErrorMessage error={setDefault.error} title="Could not change the default provider." />
      )}
    </section>
  );
}
