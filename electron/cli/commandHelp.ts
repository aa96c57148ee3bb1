import type { Command } from './Command.ts';

/** Whether a command's arguments ask for its help (`--help` or `-h` anywhere, or `help` alone). */
export function isHelpRequest(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h') || (args.length === 1 && args[0] === 'help');
}

/** A command's help: what it does and how to call it, as `npm run cli -- NAME --help` prints it. */
export function commandHelp(command: Command): string {
  const usage = command.usage
    .split('\n')
    .map((line, index) => (index === 0 ? `  npm run cli -- ${line.trim()}` : `    ${line.trim()}`))
    .join('\n');
  return `${command.summary}\n\nUsage:\n${usage}\n\nGlobal options: --data-dir DIR, --help`;
}
