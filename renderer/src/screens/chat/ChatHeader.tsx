import { useState } from 'react';
import type { CatalogModel } from '#shared/ipc/ModelCatalog.ts';
import type { WarmModelStatus } from '#shared/ipc/WarmModel.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useBridgeEvent } from '../../ipc/useBridgeEvent.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** The cloud choice of a turn: a saved provider's id, or null to stay local. */
export type CloudChoice = string | null;

/** Props of ChatHeader. */
export type ChatHeaderProps = {
  /** The provider the chat's turns escalate to (kept by the engine); undefined while it loads. */
  readonly cloud: CloudChoice | undefined;
  readonly onCloudChange: (choice: CloudChoice) => void;
};

function fileName(modelPath: string): string {
  return modelPath.split(/[\\/]/).pop() ?? modelPath;
}

/** The bundled source model's file, which runs the turns while no other model is chosen. */
export function bundledSourcePath(catalog: readonly CatalogModel[]): string | null {
  return catalog.find((model) => model.kind === 'fixture' && model.role === 'local-source')?.installedPath ?? null;
}

/** A model's name in the list, the bundled default marked once (not listed twice under two names). */
export function modelLabel(name: string, isBundledDefault: boolean): string {
  return isBundledDefault ? `${name} (bundled, the default)` : name;
}

/** What the warm model is doing, in words; load progress is shown while the model loads. */
function warmText(status: WarmModelStatus | undefined): string {
  if (status === undefined || status.state === 'none') return 'Not loaded: the next turn loads it';
  if (status.state === 'loading')
    return `Loading ${fileName(status.modelPath ?? '')}… ${Math.round(status.progress * 100)}%`;
  return `Loaded, stays ready between turns`;
}

/**
 * The chat's header: the local model the turns run on (switching is explicit, and the loaded model
 * stays warm across turns and chats), whether it is loaded, and the cloud provider escalations go to.
 */
export function ChatHeader({ cloud, onCloudChange }: ChatHeaderProps) {
  const models = useInvoke('model:list', {});
  const catalog = useInvoke('model:catalog', {});
  const providers = useInvoke('cloud:list', {});
  const initialWarm = useInvoke('model:get-warm', {});
  const [warm, setWarm] = useState<WarmModelStatus | undefined>(undefined);
  useBridgeEvent('model:warm-status', setWarm);
  const setSource = useInvokeAction('model:set-source');
  const unload = useInvokeAction('model:unload');
  const status = warm ?? initialWarm.data;
  const source = catalog.data?.localSource ?? null;
  const usable = (models.data ?? []).filter((model) => model.problem === null);
  const bundledPath = bundledSourcePath(catalog.data?.models ?? []);
  const defaultProvider = providers.data?.find((provider) => provider.isDefault);
  const chosenCloud = cloud === undefined ? (defaultProvider?.id ?? null) : cloud;

  return (
    <div className="chat-header" data-testid="chat-header">
      <div className="chat-header-field">
        <label htmlFor="chat-model">Local model</label>
        <select
          id="chat-model"
          value={source ?? bundledPath ?? ''}
          onChange={(event) => {
            const chosen = event.target.value;
            // The bundled model is the default: choosing it clears the choice rather than naming its path.
            const path = chosen === '' || chosen === bundledPath ? null : chosen;
            void setSource.run({ path }).then(() => catalog.reload());
          }}
        >
          {bundledPath === null && <option value="">The bundled model (the default)</option>}
          {usable.map((model) => (
            <option key={model.path} value={model.path}>
              {modelLabel(model.name ?? model.fileName, model.path === bundledPath)}
            </option>
          ))}
        </select>
        <span
          className="secondary-text chat-warm"
          role="status"
          data-testid="warm-status"
          data-state={status?.state ?? 'none'}
        >
          {warmText(status)}
        </span>
        {status?.state === 'ready' && (
          <button
            type="button"
            className="link-button"
            onClick={() => void unload.run({}).then((result) => result.ok && setWarm(result.value))}
          >
            Unload
          </button>
        )}
      </div>
      <div className="chat-header-field">
        <label htmlFor="chat-cloud">Cloud</label>
        <select
          id="chat-cloud"
          value={chosenCloud ?? ''}
          onChange={(event) => onCloudChange(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">None: stay on this computer</option>
          {(providers.data ?? []).map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name} ({provider.model})
            </option>
          ))}
        </select>
      </div>
      {setSource.error !== undefined && <ErrorMessage error={setSource.error} title="Could not switch the model." />}
    </div>
  );
}
