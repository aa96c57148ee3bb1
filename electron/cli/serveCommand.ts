import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EngineError, InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer } from '#lab/llm/server/createModelServer.ts';
import type { Logger } from '#core/ports.ts';
import type { Command } from './Command.ts';

const usage =
  'serve --model FILE [--port 0] [--api-key KEY] [--concurrency 1] [--temperature 0.7] (until Ctrl+C or SIGTERM)';

function number(value: string, name: string, minimum: number, isWhole: boolean): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < minimum || (isWhole && !Number.isSafeInteger(parsed)))
    throw new InvalidRequestError(
      `--${name} takes a ${isWhole ? 'whole ' : ''}number of at least ${minimum}, not "${value}".`,
    );
  return parsed;
}

const stderrLogger: Logger = {
  debug: () => {},
  info: (message) => console.error(message),
  warn: (message) => console.error(`warning: ${message}`),
  error: (message, fields) => console.error(`error: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
};

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `npm run cli -- serve --model FILE --port N`: serves a GGUF on 127.0.0.1 in the OpenAI
 * chat-completions and Anthropic messages APIs (the "cloud" of the tests and benchmarks), prints
 * its URL once listening, and on SIGINT/SIGTERM closes the server and disposes the model.
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve a GGUF on 127.0.0.1 over the OpenAI chat-completions and Anthropic messages APIs.',
  usage,
  async run({ args, print }) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        port: { type: 'string', default: '0' },
        'api-key': { type: 'string' },
        concurrency: { type: 'string', default: '1' },
        temperature: { type: 'string', default: '0.7' },
      },
    });
    if (values.model === undefined || positionals.length > 0) throw new InvalidRequestError(`Usage: ${usage}`);
    const modelPath = path.resolve(values.model);
    if (!existsSync(modelPath))
      throw new EngineError(
        'model-missing',
        `The model ${modelPath} does not exist. Check the path passed to --model.`,
      );
    const port = number(values.port, 'port', 0, true);
    if (port > 65_535) throw new InvalidRequestError(`--port must be at most 65535, not ${port}.`);
    const concurrency = number(values.concurrency, 'concurrency', 1, true);
    const temperature = number(values.temperature, 'temperature', 0, false);
    const stopped = untilStopped();
    const provider = await LocalLlamaProvider.load({ modelPath, cores: availableParallelism(), logger: stderrLogger });
    try {
      const server = await createModelServer({
        responder: provider,
        clock: { now: () => Date.now() },
        port,
        apiKey: values['api-key'],
        concurrency,
        defaultTemperature: temperature,
        logger: stderrLogger,
      });
      print(`Serving ${provider.modelName} at ${server.url} (OpenAI: ${server.url}/v1, Anthropic: ${server.url})`);
      const signal = await stopped;
      console.error(`${signal}: stopping`);
      await server.close();
    } finally {
      await provider.dispose();
    }
  },
};
