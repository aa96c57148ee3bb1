import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';
import { ModelTable } from './models/ModelTable.tsx';

// The data folder comes from the host, which may be Windows; join with the separator it uses.
function modelsFolder(dataDirectory: string): string {
  const separator = dataDirectory.includes('\\') && !dataDirectory.includes('/') ? '\\' : '/';
  return `${dataDirectory.replace(/[\\/]+$/, '')}${separator}models`;
}

/** The GGUF models the engine can see, bundled or in the person's models folder. */
export function ModelsScreen() {
  const models = useInvoke('model:list', {});
  const info = useInvoke('app:get-info', {});
  const folder = info.data === undefined ? undefined : modelsFolder(info.data.dataDir);
  return (
    <ScreenFrame
      title="Models"
      description={
        folder === undefined ? (
          'GGUF models for local inference.'
        ) : (
          <>
            GGUF models for local inference. Add your own to <code>{folder}</code>.
          </>
        )
      }
      actions={<RefreshButton onRefresh={models.reload} isLoading={models.isLoading} />}
    >
      <AsyncContent state={models} label="the models">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No GGUF models were found.">
              <p>
                Put <code>.gguf</code> model files in the <code>models</code> subfolder of the app data folder
                {folder === undefined ? '' : ':'}
              </p>
              {folder !== undefined && (
                <p className="path-line">
                  <code>{folder}</code>
                </p>
              )}
              <p>Then press Refresh.</p>
            </EmptyState>
          ) : (
            <ModelTable models={list} />
          )
        }
      </AsyncContent>
    </ScreenFrame>
  );
}
