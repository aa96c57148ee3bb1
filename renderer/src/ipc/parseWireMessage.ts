import { isEventChannel } from '#shared/ipc/channels.ts';
import type { WireMessage } from '#shared/ipc/contract.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isResult(value: unknown): boolean {
  if (!isRecord(value) || typeof value.ok !== 'boolean') {
    return false;
  }
  if (value.ok) {
    return 'value' in value;
  }
  return isRecord(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
}

/**
 * Reads one text frame from the web host. Returns undefined for anything that is not a
 * well-formed WireMessage, so a confused host cannot crash the page.
 */
export function parseWireMessage(text: string): WireMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) {
    return undefined;
  }
  if (value.type === 'result' && typeof value.id === 'number' && isResult(value.result)) {
    return value as WireMessage;
  }
  if (value.type === 'event' && isEventChannel(value.channel)) {
    return value as WireMessage;
  }
  return undefined;
}
