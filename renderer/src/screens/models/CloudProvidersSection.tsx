import { useState } from 'react';
import type { CloudProviderEntry } from '#shared/domain.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import type { CloudTestResult } from '#shared/ipc/ModelCatalog.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { CloudProviderForm } from './CloudProviderForm.tsx';
import { providerPrices } from './providerPrices.ts';

type TestOutcome =
  { readonly ok: true; readonly result: CloudTestResult } | { readonly ok: false; readonly error: IpcError };

function describeTest(result: CloudTestResult, model: string): string {
  const listed =
    result.isModelListed === null
      ? ''
      : result.isModelListed
        ? `, ${model} among them`
        : `; ${model} is not among them, check the model name`;
  return `Connected in ${result.latencyMs} ms${result.modelCount === null ? '' : `: ${result.modelCount} models${listed}`}.`;
}

/** Cloud endpoints the tasks may escalate to: add, edit, test the connection, delete. */
export function CloudProvidersSection() {
  const providers = useInvoke('cloud:list', {});
  const test = useInvokeAction('cloud:test');
  const remove = useInvokeAction('cloud:delete');
  const setDefault = useInvokeAction('cloud:set-default');
  const [editing, setEditing] = useState<CloudProviderEntry | undefined>(undefined);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, TestOutcome>>(new Map());
  const [testingId, setTestingId] = useState<string | null>(null);

  function runTest(entry: CloudProviderEntry): void {
    setTestingId(entry.id);
    void test.run({ id: entry.id }).then((result) => {
      setTestingId(null);
      setOutcomes((previous) =>
        new Map(previous).set(
          entry.id,
          result.ok ? { ok: true, result: result.value } : { ok: false, error: result.error },
        ),
      );
    });
  }

  function toggleDefault(entry: CloudProviderEntry): void {
    void setDefault.run({ id: entry.isDefault ? null : entry.id }).then((result) => {
      if (result.ok) providers.reload();
    });
  }

  function deleteEntry(entry: CloudProviderEntry): void {
    void remove.run({ id: entry.id }).then((result) => {
      if (result.ok) {
        if (editing?.id === entry.id) setEditing(undefined);
        providers.reload();
      }
    });
  }

  return (
    <section className="screen-section" aria-labelledby="cloud-title" data-testid="cloud-providers">
      <h2 id="cloud-title">Cloud providers</h2>
      <p className="secondary-text">
        Where a task may escalate when the privacy mode allows it; the default one is where this profile&apos;s tasks go
        unless the task form picks another. Testing sends one request for the model list with your key, listed in
        Privacy under &ldquo;What left this computer&rdquo;; a profile whose privacy is Local only sends nothing.
      </p>
      <AsyncContent state={providers} label="the cloud providers">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No cloud providers yet.">
              <p>Add an OpenAI-compatible or Anthropic endpoint below.</p>
            </EmptyState>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">Cloud providers</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">API</th>
                  <th scope="col">Base URL</th>
                  <th scope="col">Model</th>
                  <th scope="col">Prices in / out (USD per million tokens)</th>
                  <th scope="col">Key</th>
                  <th scope="col" className="actions-cell">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((entry) => (
                  <ProviderRow
                    key={entry.id}
                    entry={entry}
                    outcome={outcomes.get(entry.id)}
                    isTesting={testingId === entry.id}
                    isSettingDefault={setDefault.isRunning}
                    isRemoving={remove.isRunning}
                    onToggleDefault={() => toggleDefault(entry)}
                    onEdit={() => setEditing(entry)}
                    onTest={() => runTest(entry)}
                    onDelete={() => deleteEntry(entry)}
                  />
                ))}
              </tbody>
            </table>
          )
        }
      </AsyncContent>
      {remove.error !== undefined && <ErrorMessage error={remove.error} title="Could not delete the provider." />}
      {setDefault.error !== undefined && (
        <ErrorMessage error={setDefault.error} title="Could not change the default provider." />
      )}
      <CloudProviderForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={() => {
          setEditing(undefined);
          providers.reload();
        }}
        onCancel={() => setEditing(undefined)}
      />
    </section>
  );
}

/** The columns of the providers table (name, API, base URL, model, prices, key, actions). */
const columnCount = 7;

/** Props of ProviderRow. */
type ProviderRowProps = {
  readonly entry: CloudProviderEntry;
  /** The last connection test of this provider, if any. */
  readonly outcome: TestOutcome | undefined;
  readonly isTesting: boolean;
  readonly isSettingDefault: boolean;
  readonly isRemoving: boolean;
  readonly onToggleDefault: () => void;
  readonly onEdit: () => void;
  readonly onTest: () => void;
  readonly onDelete: () => void;
};

/** One provider: where it is, its prices and key, its last test, and its actions. */
function ProviderRow({
  entry,
  outcome,
  isTesting,
  isSettingDefault,
  isRemoving,
  onToggleDefault,
  onEdit,
  onTest,
  onDelete,
}: ProviderRowProps) {
  return (
    <>
      <tr data-testid="cloud-provider-row">
        <td>
          {entry.name}
          {entry.isDefault && (
            <>
              {' '}
              <span className="badge">default</span>
            </>
          )}
        </td>
      <td>{entry.api === 'openai' ? 'OpenAI-compatible' : 'Anthropic'}</td>
      <td className="file-name">{entry.baseUrl}</td>
      <td>{entry.model}</td>
      <td>{providerPrices(entry)}</td>
      <td>{entry.hasKey ? 'Stored' : 'None'}</td>
      <td className="actions-cell">
        <div className="row-actions">
          <button
            type="button"
            onClick={onToggleDefault}
            disabled={isSettingDefault}
            aria-label={entry.isDefault ? `Stop using ${entry.name} by default` : `Use ${entry.name} by default`}
          >
            {entry.isDefault ? 'No default' : 'Make default'}
          </button>
          <button type="button" onClick={onEdit} aria-label={`Edit ${entry.name}`}>
            Edit
          </button>
          <button type="button" onClick={onTest} disabled={isTesting} aria-label={`Test the connection to ${entry.name}`}>
            {isTesting ? 'Testing…' : 'Test'}
          </button>
          <button type="button" onClick={onDelete} disabled={isRemoving} aria-label={`Delete ${entry.name}`}>
            Delete
          </button>
        </div>
      </td>
      </tr>
      {outcome !== undefined && (
        // The test's outcome spans the row: in the name cell, an error made the table wider than the window.
        <tr data-testid="cloud-provider-test">
          <td colSpan={columnCount}>
            {outcome.ok ? (
              <StatusMessage>{describeTest(outcome.result, entry.model)}</StatusMessage>
            ) : (
              <ErrorMessage error={outcome.error} title={`The test of ${entry.name} failed.`} showAdvice={false} />
            )}
          </td>
        </tr>
      )}
    </>
  );
}
