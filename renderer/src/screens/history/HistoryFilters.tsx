import type { TaskFilter, TaskStatus } from '#shared/domain.ts';
import { taskStatusNames } from '../../format/taskStatusNames.ts';

/** The History screen's search and filters, as the person edits them. */
export type HistoryFilterDraft = {
  readonly query: string;
  readonly status: TaskStatus | '';
  readonly escalated: '' | 'yes' | 'no';
  /** `YYYY-MM-DD` or empty. */
  readonly from: string;
  readonly to: string;
};

export const emptyHistoryFilter: HistoryFilterDraft = { query: '', status: '', escalated: '', from: '', to: '' };

const statuses: readonly TaskStatus[] = ['succeeded', 'failed', 'stopped', 'cancelled', 'interrupted', 'running'];

/** The filter the engine applies; dates are whole local days, `to` included. */
export function toTaskFilter(draft: HistoryFilterDraft): TaskFilter {
  const day = (value: string, offsetDays: number): number | undefined => {
    if (value === '') return undefined;
    const [year, month, date] = value.split('-').map(Number);
    return new Date(year ?? 1970, (month ?? 1) - 1, (date ?? 1) + offsetDays).getTime();
  };
  return {
    query: draft.query.trim() === '' ? undefined : draft.query.trim(),
    status: draft.status === '' ? undefined : draft.status,
    escalated: draft.escalated === '' ? undefined : draft.escalated === 'yes',
    from: day(draft.from, 0),
    to: day(draft.to, 1),
  };
}

type HistoryFiltersProps = {
  readonly value: HistoryFilterDraft;
  readonly onChange: (next: HistoryFilterDraft) => void;
};

/** Search by words in the question or answer; filter by outcome, escalation and date. */
export function HistoryFilters({ value, onChange }: HistoryFiltersProps) {
  const set = (patch: Partial<HistoryFilterDraft>): void => onChange({ ...value, ...patch });
  return (
    <form
      className="panel form"
      role="search"
      aria-label="Filter the task history"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="form-row">
        <div className="form-field">
          <label htmlFor="history-query">Search</label>
          <input
            id="history-query"
            type="search"
            data-testid="history-query"
            placeholder="words in the question or answer"
            value={value.query}
            onChange={(event) => set({ query: event.target.value })}
          />
        </div>
        <div className="form-field">
          <label htmlFor="history-status">Outcome</label>
          <select
            id="history-status"
            data-testid="history-status"
            value={value.status}
            onChange={(event) => set({ status: event.target.value as HistoryFilterDraft['status'] })}
          >
            <option value="">any</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {taskStatusNames[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="history-escalated">Cloud</label>
          <select
            id="history-escalated"
            data-testid="history-escalated"
            value={value.escalated}
            onChange={(event) => set({ escalated: event.target.value as HistoryFilterDraft['escalated'] })}
          >
            <option value="">either</option>
            <option value="yes">a request was sent</option>
            <option value="no">nothing was sent</option>
          </select>
        </div>
        <div className="form-field">
          <label htmlFor="history-from">From</label>
          <input
            id="history-from"
            type="date"
            value={value.from}
            onChange={(event) => set({ from: event.target.value })}
          />
        </div>
        <div className="form-field">
          <label htmlFor="history-to">To</label>
          <input id="history-to" type="date" value={value.to} onChange={(event) => set({ to: event.target.value })} />
        </div>
      </div>
    </form>
  );
}
