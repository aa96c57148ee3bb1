import type { JsonValue, Transcript, TranscriptMessage } from '../llm/chat/Transcript.ts';
import type { EntityType } from './entityTypes.ts';

/** How many entities of each type were hidden (for the egress audit log: never the originals). */
export type RedactionCounts = Partial<Record<EntityType, number>>;

/** A redacted transcript and what was hidden in it. */
export type RedactedTranscript = { readonly transcript: Transcript; readonly counts: RedactionCounts };

/** Applies `map` to every string of a JSON value, object keys included. */
export function redactJsonValue(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item: JsonValue) => redactJsonValue(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), redactJsonValue(item, map)]));
  }
  return value;
}

function mapMessage(message: TranscriptMessage, map: (text: string) => string): TranscriptMessage {
  switch (message.role) {
    case 'system':
    case 'user':
      return { ...message, text: map(message.text) };
    case 'assistant':
      return {
        ...message,
        text: map(message.text),
        toolCalls: message.toolCalls.map((call) => ({
          ...call,
          arguments: redactJsonValue(call.arguments, map) as typeof call.arguments,
        })),
      };
    case 'tool':
      return { ...message, result: redactJsonValue(message.result, map) };
  }
}

/** Applies `map` to every text a transcript's messages carry (tools and call ids are left alone). */
export function redactTranscriptWith(transcript: Transcript, map: (text: string) => string): Transcript {
  return { ...transcript, messages: transcript.messages.map((message) => mapMessage(message, map)) };
}
