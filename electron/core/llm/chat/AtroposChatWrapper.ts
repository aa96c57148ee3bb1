import {
  ChatWrapper,
  LlamaText,
  SpecialToken,
  type ChatHistoryItem,
  type ChatModelFunctions,
  type ChatWrapperGenerateContextStateOptions,
  type ChatWrapperGeneratedContextState,
  type ChatWrapperGenerateInitialHistoryOptions,
  type ChatWrapperSettings,
  type LlamaTextInputValue,
} from 'node-llama-cpp';
import { compactFormat } from './compactFormat.ts';
import { describeTool } from './describeTool.ts';
import type { JsonObject } from './Transcript.ts';

/** Options of {@link AtroposChatWrapper}. */
export type AtroposChatWrapperOptions = {
  /**
   * The tools to render when node-llama-cpp asks for a rendering without functions: its default
   * context-shift strategy sizes the history that way, then checks it with the functions and throws
   * when the tool lines no longer fit. Pass the same tools the session offers. Defaults to none.
   */
  tools?: ChatModelFunctions;
};

/**
 * node-llama-cpp's chat wrapper for the project's own models (GGUF metadata `atropos.chat_format =
 * "atropos-compact-v1"`): the compact format of `compactFormat.ts`, a few characters of template per
 * turn instead of the ~900-character function instructions of the generic wrappers. Calls are
 * `[[call: name({json})]]`; node-llama-cpp detects the prefix, constrains the name and the JSON
 * with grammars, runs the handler and inserts `\n[[result: {json}]]\n`. `renderTranscript` renders
 * the same text from a provider-neutral transcript for training.
 */
export class AtroposChatWrapper extends ChatWrapper {
  readonly wrapperName = 'AtroposCompact';

  override readonly settings: ChatWrapperSettings = {
    supportsSystemMessages: true,
    functions: {
      call: {
        // The prefix already ends with its space; an optional second one would only add variants.
        optionalPrefixSpace: false,
        prefix: compactFormat.callPrefix,
        paramsPrefix: compactFormat.callParametersPrefix,
        suffix: compactFormat.callSuffix,
        emptyCallParamsPlaceholder: '',
      },
      result: { prefix: compactFormat.resultPrefix, suffix: compactFormat.resultSuffix },
    },
    segments: {},
  };

  readonly tools: ChatModelFunctions;

  constructor(options: AtroposChatWrapperOptions = {}) {
    super();
    this.tools = options.tools ?? {};
  }

  override generateContextState({
    chatHistory,
    availableFunctions,
  }: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const functions = availableFunctions ?? this.tools;
    const values: LlamaTextInputValue[] = [new SpecialToken('BOS')];
    let index = 0;
    for (; chatHistory[index]?.type === 'system'; index += 1) values.push(this.#renderLine(chatHistory[index]));
    for (const [name, tool] of Object.entries(functions)) {
      const line = describeTool({ name, description: tool.description, parameters: tool.params as JsonObject | null });
      values.push(compactFormat.toolPrefix + line + compactFormat.lineEnd);
    }
    for (; index < chatHistory.length; index += 1) {
      const item = chatHistory[index];
      if (item?.type !== 'model') {
        values.push(this.#renderLine(item));
        continue;
      }
      values.push(compactFormat.assistantPrefix, this.generateModelResponseText(item.response));
      // The last item is the turn the model is writing; every earlier turn was closed by EOS.
      if (index < chatHistory.length - 1) values.push(new SpecialToken('EOS'), compactFormat.lineEnd);
    }
    return {
      contextText: LlamaText(values),
      stopGenerationTriggers: [
        LlamaText(new SpecialToken('EOS')),
        LlamaText(compactFormat.lineEnd + compactFormat.userPrefix),
        LlamaText(compactFormat.lineEnd + compactFormat.assistantPrefix),
      ],
    };
  }

  /** No system message unless one is given: the default one would cost ~310 characters per prompt. */
  override generateInitialChatHistory({
    systemPrompt,
  }: ChatWrapperGenerateInitialHistoryOptions = {}): ChatHistoryItem[] {
    return systemPrompt === undefined ? [] : [{ type: 'system', text: systemPrompt }];
  }

  #renderLine(item: ChatHistoryItem | undefined): LlamaText {
    if (item?.type === 'system') {
      return LlamaText(compactFormat.systemPrefix, LlamaText.fromJSON(item.text), compactFormat.lineEnd);
    }
    if (item?.type === 'user') return LlamaText(compactFormat.userPrefix, item.text, compactFormat.lineEnd);
    return LlamaText([]);
  }
}
