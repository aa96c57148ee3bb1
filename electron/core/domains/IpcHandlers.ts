import type { InvokeChannel } from '#shared/ipc/channels.ts';
import type { InvokeMap } from '#shared/ipc/contract.ts';
import type { requestSchemas } from '#shared/ipc/schemas.ts';

type Parsed<C extends InvokeChannel> = ReturnType<(typeof requestSchemas)[C]['parse']>;

/** One handler per channel; the mapped type makes a missing handler a compile error. */
export type IpcHandlers = {
  [C in InvokeChannel]: (request: Parsed<C>) => InvokeMap[C]['response'] | Promise<InvokeMap[C]['response']>;
};

/** A domain's slice of the handlers: `satisfies HandlerSlice` checks each against the contract. */
export type HandlerSlice = Partial<IpcHandlers>;

/** Drops the keys zod left undefined, for engine calls whose options are exact. */
export function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
