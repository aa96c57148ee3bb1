import type { EgressRecord } from '#shared/domain.ts';
import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { formatUsd } from '../../format/formatUsd.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { taskRunFromDetail } from '../../tasks/taskRunFromDetail.ts';
import { LedgerTable } from '../budget/LedgerTable.tsx';
import { EgressTable } from '../privacy/EgressTable.tsx';
import { LocalRunLine } from '../tasks/LocalRunLine.tsx';
import { TaskRunView } from '../tasks/TaskRunView.tsx';

/** Props of TurnDetails. */
export type TurnDetailsProps = { readonly taskId: string };

/** A turn's task as recorded: its paths, flow graph, checkpoint, costs and what left the machine. */
export function TurnDetails({ taskId }: TurnDetailsProps) {
  const detail = useInvoke('task:get', { taskId });
  const egress = useInvoke('privacy:list-egress', { limit: 500 });
  return (
    <AsyncContent state={detail} label="the turn's details">
      {(data) => (
        <RecordedTurn detail={data} egress={(egress.data ?? []).filter((record) => record.taskId === taskId)} />
      )}
    </AsyncContent>
  );
}

function RecordedTurn({ detail, egress }: { readonly detail: TaskDetail; readonly egress: readonly EgressRecord[] }) {
  return (
    <div className="turn-details">
      <LocalRunLine detail={detail} />
      <TaskRunView run={taskRunFromDetail(detail)} />
      <section className="screen-section">
        <h2>Cost</h2>
        {detail.charges.length === 0 ? (
          <p className="secondary-text">Nothing was charged ({formatUsd(detail.task.costUsd)}).</p>
        ) : (
          <LedgerTable
            entries={detail.charges}
            caption="Charges of this turn"
            first={{ title: 'Path', cell: (charge) => (charge.pathIndex === null ? '—' : charge.pathIndex + 1) }}
          />
        )}
      </section>
      <section className="screen-section">
        <h2>What left this computer</h2>
        {egress.length === 0 ? (
          <p className="secondary-text">Nothing: this turn sent no request to a cloud.</p>
        ) : (
          <EgressTable records={egress} />
        )}
      </section>
    </div>
  );
}
