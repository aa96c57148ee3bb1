/** A tool argument or result as one short line: strings as they are, anything else as JSON. */
export function formatValue(value: unknown, maxLength = 160): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
