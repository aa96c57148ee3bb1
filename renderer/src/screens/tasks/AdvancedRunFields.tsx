import type { ReactNode } from 'react';
import type { ModelEntry } from '#shared/domain.ts';
import { longestAnswerTokens } from '#shared/ipc/schemas.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { maxSeed, type TaskFields } from './taskStartRequest.ts';

/** Props of AdvancedRunFields. */
export type AdvancedRunFieldsProps = {
  readonly fields: TaskFields;
  readonly set: (patch: Partial<TaskFields>) => void;
  readonly isRunning: boolean;
};

/** A labelled control with its one-line hint (`id`-hint). */
function HintedField(props: { id: string; label: string; hint: ReactNode; narrow?: boolean; children: ReactNode }) {
  return (
    <div className={props.narrow === true ? 'form-field narrow-field' : 'form-field'}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      <span id={`${props.id}-hint`} className="field-hint">
        {props.hint}
      </span>
    </div>
  );
}

/** A whole-number input whose empty value means the engine's default (`placeholder`, 1 unless given). */
function WholeInput(props: {
  id: string;
  min: number;
  max: number;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
  placeholder?: string;
}) {
  const { onChange, placeholder = '1', ...rest } = props;
  return (
    <input
      {...rest}
      type="number"
      placeholder={placeholder}
      aria-describedby={`${props.id}-hint`}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A model's name in the choice: its file, and the name its header gives when there is one. */
function modelLabel(model: ModelEntry): string {
  return model.name === null || model.name === model.fileName ? model.fileName : `${model.fileName} (${model.name})`;
}

/**
 * The per-run options the CLI's `run` has (`--seed`, `--hotswap`, `--select`, `--max-tokens`,
 * `--model`), folded: the random seed, how cloud help takes over parallel paths, the longest answer
 * and the local model (among those the Models screen lists as usable). Empty fields keep the
 * engine's defaults.
 */
export function AdvancedRunFields({ fields, set, isRunning }: AdvancedRunFieldsProps) {
  const models = useInvoke('model:list', {});
  const usable = (models.data ?? []).filter((model) => model.problem === null);
  return (
    <details className="advanced-options">
      <summary>More options (random seed, longest answer, local model, how cloud help takes over)</summary>
      <div className="form-row">
        <HintedField
          id="task-max-tokens"
          label="Longest answer (tokens)"
          hint={`What each path may write, 1 to ${longestAnswerTokens}; empty: 256`}
        >
          <WholeInput
            id="task-max-tokens"
            min={1}
            max={longestAnswerTokens}
            placeholder="256"
            value={fields.maxTokens}
            onChange={(maxTokens) => set({ maxTokens })}
            disabled={isRunning}
          />
        </HintedField>
        <HintedField id="task-local-model" label="Local model" hint="The models the Models screen lists">
          <select
            id="task-local-model"
            value={fields.localModel}
            aria-describedby="task-local-model-hint"
            onChange={(event) => set({ localModel: event.target.value })}
            disabled={isRunning}
          >
            <option value="">The one chosen in Models</option>
            {usable.map((model) => (
              <option key={model.path} value={model.path} title={model.path}>
                {modelLabel(model)}
              </option>
            ))}
          </select>
        </HintedField>
      </div>
      <div className="form-row">
        <HintedField id="task-seed" label="Random seed" hint={`0 to ${maxSeed}; the same seed repeats the same paths`}>
          <WholeInput
            id="task-seed"
            min={0}
            max={maxSeed}
            value={fields.seed}
            onChange={(seed) => set({ seed })}
            disabled={isRunning}
          />
        </HintedField>
        <HintedField
          id="task-hotswap"
          label="How cloud help takes over"
          hint="With the Parallel strategy; the policy picks when left so"
        >
          <select
            id="task-hotswap"
            value={fields.hotswap}
            aria-describedby="task-hotswap-hint"
            onChange={(event) => set({ hotswap: event.target.value as TaskFields['hotswap'] })}
            disabled={isRunning}
          >
            <option value="auto">The policy picks</option>
            <option value="parallel">Every path goes to the cloud</option>
            <option value="selective">Only the most promising paths</option>
          </select>
        </HintedField>
        <HintedField id="task-select" label="Paths handed over" hint="1 to 32, when only the most promising go" narrow>
          <WholeInput
            id="task-select"
            min={1}
            max={32}
            value={fields.selectCount}
            onChange={(selectCount) => set({ selectCount })}
            disabled={isRunning}
          />
        </HintedField>
      </div>
    </details>
  );
}
