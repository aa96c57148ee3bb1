const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const utcDateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

function toDate(moment: number | string): Date | undefined {
  const date = new Date(moment);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A moment in the person's locale; accepts epoch milliseconds or an ISO string. */
export function formatDateTime(moment: number | string | null): string {
  if (moment === null) {
    return '—';
  }
  const date = toDate(moment);
  return date === undefined ? String(moment) : dateTime.format(date);
}

/** A moment on the UTC clock, named as such (e.g. "Dec 9, 2026, 12:00 AM UTC"), for figures the engine counts in UTC. */
export function formatUtcDateTime(moment: number | string | null): string {
  if (moment === null) {
    return '—';
  }
  const date = toDate(moment);
  return date === undefined ? String(moment) : utcDateTime.format(date);
}
