const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment in the person's locale; accepts epoch milliseconds or an ISO string. */
export function formatDateTime(moment: number | string | null): string {
  if (moment === null) {
    return '—';
  }
  const date = new Date(moment);
  return Number.isNaN(date.getTime()) ? String(moment) : dateTime.format(date);
}
