import { parseArgs } from 'node:util';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { longestAnswerTokens } from '#shared/ipc/schemas.ts';
import { defaultHandover, handoverKinds, type CloudEndpoint, type TaskRequest } from '#shared/taskRequest.ts';
import { InvalidRequestError } from '#core/errors.ts';
import type { Command } from './Command.ts';
import { modelFile, wholeNumber } from './options.ts';

const usage =
  'run (--task TEXT | --world-task ID) [--paths 5] [--strategy parallel|sequential] [--checkpoint K] ' +
  '[--escalation auto|never|always] [--hotswap parallel|selective] [--select M] ' +
  `[--handover ${handoverKinds.join('|')} (default ${defaultHandover})] [--model FILE] [--grant DIR]... ` +
  '[--cloud-url URL --cloud-model NAME [--cloud-api openai|anthropic]] [--seed 1] [--max-tokens 256] [--json]';

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw new InvalidRequestError(`--${name} must be ${allowed.join(' or ')}, not "${value}".`);
  return value as T;
}

/** A line on stderr per event that matters to a person watching. */
function describeEvent(event: TaskEvent): string | null {
  switch (event.type) {
    case 'step':
      return `path ${event.path} step ${event.step}: ${event.tool}(${JSON.stringify(event.arguments)}) -> ${JSON.stringify(event.result)}`;
    case 'path-finished':
      return `path ${event.path} ${event.status}${event.answer === null ? '' : `: ${event.answer}`} (${event.provider})`;
    case 'checkpoint':
      return `checkpoint ${event.checkpoint}: ${event.action} (${event.explanation.decidedBy}; ${event.explanation.reason})`;
    case 'fallback':
      return `path ${event.path} fell back to the local model: ${event.message}`;
    default:
      return null;
  }
}

/**
 * `npm run cli -- run ...`: one task end to end on the local model, with an optional cloud endpoint
 * behind the egress gate (its key from $ATROPOS_CLOUD_API_KEY), recorded in the data folder's
 * database. Progress goes to stderr; the result to stdout.
 */
export const runCommand: Command = {
  name: 'run',
  summary: 'Run one task (a question or a world task) with R paths, a checkpoint and optional escalation.',
  usage,
  async run({ args, openEngine, print }) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        task: { type: 'string' },
        'world-task': { type: 'string' },
        paths: { type: 'string', default: '5' },
        strategy: { type: 'string' },
        checkpoint: { type: 'string' },
        escalation: { type: 'string' },
        hotswap: { type: 'string' },
        select: { type: 'string' },
        handover: { type: 'string' },
        model: { type: 'string' },
        grant: { type: 'string', multiple: true },
        'cloud-url': { type: 'string' },
        'cloud-model': { type: 'string' },
        'cloud-api': { type: 'string', default: 'openai' },
        seed: { type: 'string', default: '1' },
        'max-tokens': { type: 'string', default: '256' },
        json: { type: 'boolean', default: false },
      },
    });
    if ((values.task === undefined) === (values['world-task'] === undefined))
      throw new InvalidRequestError(`Give exactly one of --task and --world-task. Usage: ${usage}`);
    let cloud: CloudEndpoint | undefined;
    if (values['cloud-url'] !== undefined || values['cloud-model'] !== undefined) {
      if (values['cloud-url'] === undefined || values['cloud-model'] === undefined)
        throw new InvalidRequestError('--cloud-url and --cloud-model go together.');
      cloud = {
        api: oneOf(values['cloud-api'], 'cloud-api', ['openai', 'anthropic'] as const) ?? 'openai',
        baseUrl: values['cloud-url'],
        model: values['cloud-model'],
        apiKey: process.env['ATROPOS_CLOUD_API_KEY'],
      };
    }
    const request: TaskRequest = {
      prompt: values.task,
      worldTask: values['world-task'] === undefined ? undefined : wholeNumber(values['world-task'], 'world-task', 0),
      paths: wholeNumber(values.paths, 'paths', 1),
      strategy: oneOf(values.strategy, 'strategy', ['parallel', 'sequential'] as const),
      checkpoint: values.checkpoint === undefined ? undefined : wholeNumber(values.checkpoint, 'checkpoint', 0),
      escalation: oneOf(values.escalation, 'escalation', ['auto', 'never', 'always'] as const),
      hotswap: oneOf(values.hotswap, 'hotswap', ['parallel', 'selective'] as const),
      selectCount: values.select === undefined ? undefined : wholeNumber(values.select, 'select', 1),
      // What a hotswap sends the cloud; `continue`: the executed calls and a note to check them and go on.
      handover: oneOf(values.handover, 'handover', handoverKinds),
      localModel: modelFile(values.model, 'source.gguf', 'model'),
      grantedFolders: values.grant,
      cloud,
      seed: wholeNumber(values.seed, 'seed', 0),
      // The window's bound too (task:start's schema).
      maxTokens: wholeNumber(values['max-tokens'], 'max-tokens', 1, longestAnswerTokens),
    };
    const engine = openEngine();
    // A locked profile's task could record nothing: say so before the model is loaded.
    const locked = engine.listProfileListings().find((profile) => profile.isActive && profile.isLocked);
    if (locked !== undefined) {
      await engine.dispose();
      throw new InvalidRequestError(
        `The active profile "${locked.name}" is protected and its passphrase has not been entered; pass --passphrase-file FILE (its first line) or set $ATROPOS_PASSPHRASE.`,
      );
    }
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    try {
      const result = await engine.runTask(request, {
        signal: stop.signal,
        onEvent: (event) => {
          const line = describeEvent(event);
          if (line !== null) process.stderr.write(`${line}\n`);
        },
      });
      const summary = {
        taskId: result.taskId,
        status: result.status,
        answer: result.answer,
        isLowConfidence: result.isLowConfidence,
        isCorrect: result.isCorrect,
        worldTask: result.worldTask,
        vote: result.vote,
        decisions: result.decisions.map((decision) => ({
          action: decision.action,
          ...decision.explanation,
        })),
        paths: result.paths.map((path) => ({
          path: path.index,
          status: path.status,
          answer: path.answer,
          steps: path.steps,
          provider: path.providerId,
        })),
        costUsd: result.costUsd,
        tokens: result.tokens,
      };
      if (values.json) {
        print(JSON.stringify(summary));
      } else {
        print(`answer: ${result.answer ?? '(none)'}${result.isLowConfidence ? ' (low confidence)' : ''}`);
        print(`vote: ${result.vote.tally.map((entry) => `${entry.answer} x${entry.paths.length}`).join(', ') || '-'}`);
        for (const decision of summary.decisions) print(`decision: ${decision.action} (${decision.reason})`);
        if (result.isCorrect !== null)
          print(`correct: ${result.isCorrect ? 'yes' : 'no'} (expected ${result.worldTask?.answer})`);
        print(`cost: $${result.costUsd.toFixed(6)} (${result.tokens.in} tokens in, ${result.tokens.out} out)`);
      }
    } finally {
      process.off('SIGINT', onSignal);
      await engine.dispose();
    }
  },
};
