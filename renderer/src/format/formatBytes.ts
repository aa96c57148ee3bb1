const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];

/** A byte count in decimal units, as model download pages state them: `4.37 GB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1000) {
    return `${bytes} bytes`;
  }
  const exponent = Math.min(Math.floor(Math.log10(bytes) / 3), units.length - 1);
  const value = bytes / 1000 ** exponent;
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)} ${units[exponent] ?? 'bytes'}`;
}
