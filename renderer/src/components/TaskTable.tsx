import { useState } from 'react';
import type { TaskSummary } from '#shared/domain.ts';
import { DateTime } from './DateTime.tsx';
import { formatUsd } from '../format/formatUsd.ts';
import { taskStatusNames } from '../format/taskStatusNames.ts';

/** Props of TaskTable. */
export type TaskTableProps = {
  readonly tasks: readonly TaskSummary[];
  readonly caption: string;
  /** When given, each prompt is a button that opens the task. */
  readonly onOpen?: (taskId: string) => void;
};

/** Tasks as rows: prompt, status, paths, steps, cost and creation time. */
export function TaskTable({ tasks, caption, onOpen }: TaskTableProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Prompt</th>
          <th scope="col">Status</th>
          <th scope="col" className="numeric">
            Paths
          </th>
          <th scope="col" className="numeric">
            Steps
          </th>
          <th scope="col" className="numeric">
            Cost
          </th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id}>
            <PromptCell prompt={task.prompt} onOpen={onOpen === undefined ? undefined : () => onOpen(task.id)} />
            <td>
              <span className={`badge badge-${task.status}`}>{taskStatusNames[task.status]}</span>
              {task.isEscalated ? (
                <span
                  className="badge badge-escalated"
                  title="A request of this task was sent to a cloud model (see Privacy > What left this computer)"
                >
                  {' '}
                  cloud
                </span>
              ) : null}
            </td>
            <td className="numeric">{task.pathCount}</td>
            <td className="numeric">{task.stepCount}</td>
            <td className="numeric">{formatUsd(task.costUsd)}</td>
            <td>
              <DateTime moment={task.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Prompts longer than this (about three lines of the cell) are clamped, with a button to show them whole. */
export const clampedPromptLength = 180;

/** A task's prompt, clamped to three lines when long, with "Show all" / "Show less". */
function PromptCell({ prompt, onOpen }: { readonly prompt: string; readonly onOpen: (() => void) | undefined }) {
  const isLong = prompt.length > clampedPromptLength;
  const [isExpanded, setIsExpanded] = useState(false);
  const className = isLong && !isExpanded ? 'prompt-text prompt-clamped' : 'prompt-text';
  return (
    <td className="prompt-cell" title={prompt}>
      {onOpen === undefined ? (
        <span className={className}>{prompt}</span>
      ) : (
        <button type="button" className={`link-button ${className}`} onClick={onOpen}>
          {prompt}
        </button>
      )}
      {isLong && (
        <button
          type="button"
          className="prompt-toggle"
          aria-expanded={isExpanded}
          onClick={() => setIsExpanded((expanded) => !expanded)}
        >
          {isExpanded ? 'Show less' : 'Show all'}
        </button>
      )}
    </td>
  );
}
