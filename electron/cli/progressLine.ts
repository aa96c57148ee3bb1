/** A progress display on stderr: one rewritten line on a terminal, plain lines otherwise. */
export type ProgressLine = {
  update(done: number, total: number, label: string): void;
  done(): void;
};

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${seconds.toFixed(0)}s`;
}

/** Shows done/total, elapsed time and an ETA from the average pace so far. */
export function createProgressLine(stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  const started = Date.now();
  const isTerminal = stream.isTTY;
  return {
    update(done, total, label) {
      const elapsed = (Date.now() - started) / 1000;
      const eta = done === 0 ? Number.NaN : (elapsed / done) * (total - done);
      const line = `[${done}/${total}] ${label}  elapsed ${formatSeconds(elapsed)}  eta ${formatSeconds(eta)}`;
      stream.write(isTerminal ? `\r\x1b[2K${line}` : `${line}\n`);
    },
    done() {
      if (isTerminal) stream.write('\n');
    },
  };
}
