import { useState } from 'react';
import type { ComputeBackendInfo, LocalPathMode, WarmModelStatus } from '#shared/ipc/WarmModel.ts';
import { useBridgeEvent } from '../../ipc/useBridgeEvent.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';

const gpuNames: Record<Exclude<ComputeBackendInfo['backend'], 'cpu'>, string> = {
  cuda: 'CUDA',
  vulkan: 'Vulkan',
  metal: 'Metal',
};

/** What local models run on, in a sentence. */
export function describeBackend(info: ComputeBackendInfo | null): string {
  if (info === null) {
    return 'Local models run on a GPU where there is one, else on the CPU; which one is known once the first model loads (Settings: Local models run on).';
  }
  const threads = `${info.threads} CPU ${info.threads === 1 ? 'thread' : 'threads'}`;
  if (info.backend === 'cpu') return `Local models run on the CPU (${threads}).`;
  const devices = info.devices.length === 0 ? '' : `: ${info.devices.join(', ')}`;
  return `Local models run on the GPU through ${gpuNames[info.backend]}${devices} (and ${threads}).`;
}

/** How a task's paths run on a local model, in a sentence. */
export function describePathMode(mode: LocalPathMode): string {
  const threads = `${mode.threadsPerPath} ${mode.threadsPerPath === 1 ? 'thread' : 'threads'}`;
  return `Each path of a task runs in a llama context of its own on ${threads}, so paths decode side by side.`;
}

/** The compute backend of local models (CPU or a GPU) as the engine opened it, following its warm-model events. */
export function ComputeBackendLine() {
  const initial = useInvoke('model:get-warm', {});
  const [latest, setLatest] = useState<WarmModelStatus | undefined>(undefined);
  useBridgeEvent('model:warm-status', setLatest);
  const status = latest ?? initial.data;
  const info = status?.backend ?? null;
  return (
    <p className="secondary-text" data-testid="compute-backend" data-backend={info?.backend ?? 'unknown'}>
      {describeBackend(info)}
      {status !== undefined && (
        <span className="cell-detail" data-testid="path-mode" data-kind={status.pathMode.kind}>
          {describePathMode(status.pathMode)}
        </span>
      )}
      {info?.fallbackReason != null && <span className="cell-detail">{info.fallbackReason}</span>}
    </p>
  );
}
