const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Props of DateTime. */
export type DateTimeProps = { readonly moment: number };

/**
 * A moment as its date and its time, each kept on one line: in a narrow table column the time goes
 * under the date rather than the column widening the table.
 */
export function DateTime({ moment }: DateTimeProps) {
  const date = new Date(moment);
  return (
    <time dateTime={date.toISOString()}>
      <span className="nowrap">{dateOnly.format(date)}</span> <span className="nowrap">{timeOnly.format(date)}</span>
    </time>
  );
}
