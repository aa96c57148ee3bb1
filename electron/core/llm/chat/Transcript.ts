/** Any value JSON can carry: tool arguments, tool results, parameter schemas. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

/** A JSON object (tool arguments are always one). */
export type JsonObject = { readonly [key: string]: JsonValue };

/** A tool the assistant may call, described the way every provider needs it. */
export type TranscriptTool = {
  /** No spaces or newlines (node-llama-cpp refuses them), e.g. "calc". */
  readonly name: string;
  readonly description: string;
  /** A JSON schema of the arguments object, or null for a tool without arguments. */
  readonly parameters: JsonObject | null;
};

/** One tool call the assistant made. */
export type TranscriptToolCall = {
  /** Pairs the call with its result; cloud providers need it, local models never see it. */
  readonly id: string;
  readonly name: string;
  readonly arguments: JsonObject;
};

/** A system instruction. */
export type TranscriptSystemMessage = { readonly role: 'system'; readonly text: string };

/** What the person asked. */
export type TranscriptUserMessage = { readonly role: 'user'; readonly text: string };

/**
 * What the assistant wrote: text (possibly empty), then its tool calls in order. An assistant
 * message without tool calls that ends the transcript or precedes a user message is a final answer.
 */
export type TranscriptAssistantMessage = {
  readonly role: 'assistant';
  readonly text: string;
  readonly toolCalls: readonly TranscriptToolCall[];
};

/** The result of one tool call, as the engine executed it (errors are results too, e.g. "error: ..."). */
export type TranscriptToolMessage = {
  readonly role: 'tool';
  readonly callId: string;
  readonly name: string;
  readonly result: JsonValue;
};

/** One message of a transcript. */
export type TranscriptMessage =
  TranscriptSystemMessage | TranscriptUserMessage | TranscriptAssistantMessage | TranscriptToolMessage;

/**
 * A provider-neutral conversation: the tools on offer and the messages in order. The local provider
 * converts it to a node-llama-cpp chat history (`toChatHistory.ts`), cloud providers to their
 * message arrays, and a hotswap moves one between them. The results of tool calls are the engine's
 * real results, never text a model wrote.
 */
export type Transcript = {
  readonly tools: readonly TranscriptTool[];
  readonly messages: readonly TranscriptMessage[];
};
