import type { JsonValue } from '#core/llm/chat/Transcript.ts';

/** One entity of a document and the placeholder that replaces it there (character offsets). */
export type PlacedRedaction = { readonly start: number; readonly end: number; readonly placeholder: string };

/**
 * What a cloud escalation hands a tool call so that what goes back out stays redacted: a tool that
 * returns a piece of a larger document (read_file's 16 KiB chunks) redacts the whole document first
 * and cuts the piece from that, so an entity straddling the cut is hidden on both sides of it.
 */
export type ToolCallContext = {
  /** Where the entities of a whole document are, and the placeholder of each (the task's vault). */
  readonly redactDocument: (document: string) => readonly PlacedRedaction[];
  /**
   * The call's arguments as the cloud model wrote them, placeholders not restored: a tool that
   * matches its input against a document (search_files) matches it against the redacted document,
   * so its answer tells the cloud nothing the redacted text would not. Defaults to the arguments.
   */
  readonly sentArguments?: JsonValue;
};
