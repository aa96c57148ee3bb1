import { existsSync } from 'node:fs';
import path from 'node:path';
import { EngineError, InvalidRequestError } from '#core/errors.ts';
import { repositoryRoot } from '../host/appPaths.ts';

/**
 * A whole-number option, at least `minimum` and at most `maximum` (defaults to none); anything else
 * is an error naming the option.
 */
export function wholeNumber(value: string, name: string, minimum: number, maximum?: number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < minimum || (maximum !== undefined && number > maximum)) {
    const range = maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new InvalidRequestError(`--${name} takes a whole number ${range}, not "${value}".`);
  }
  return number;
}

/** A model file from an option (relative to the working folder) or the repository's fixture. */
export function modelFile(value: string | undefined, fixture: string, option: string): string {
  const file = value === undefined ? path.join(repositoryRoot, 'models', 'fixtures', fixture) : path.resolve(value);
  if (!existsSync(file)) {
    const hint = value === undefined ? 'Run npm run models:train to build the fixture models' : 'Check the path';
    throw new EngineError(
      'model-missing',
      `The ${option} model ${file} does not exist. ${hint}, or pass --${option} FILE.`,
    );
  }
  return file;
}
