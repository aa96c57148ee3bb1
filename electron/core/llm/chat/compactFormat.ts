/**
 * The text of the project's compact chat format ("atropos-compact-v1"), shared by
 * `AtroposChatWrapper` (what node-llama-cpp feeds the model) and `renderTranscript` (what the
 * trainer trains on), so the two cannot drift apart. A rendered conversation reads:
 *
 * ```text
 * <s>S: {system}
 * T: {tool}({params}) - {description}
 * U: {user}
 * A: [[call: {tool}({json arguments})]]
 * [[result: {json result}]]
 * {answer}</s>
 * U: {next user message}
 * A:
 * ```
 * `<s>` and `</s>` are the BOS and EOS tokens. Changing any of these strings is a new format
 * version: models trained on the old one stop working.
 */
export const compactFormat = {
  systemPrefix: 'S: ',
  toolPrefix: 'T: ',
  /** Between a tool's signature and its description. */
  toolDescriptionSeparator: ' - ',
  userPrefix: 'U: ',
  assistantPrefix: 'A: ',
  /** Ends every system, tool and user line, and follows the EOS that closes a finished answer. */
  lineEnd: '\n',
  callPrefix: '[[call: ',
  callParametersPrefix: '(',
  callSuffix: ')]]',
  resultPrefix: '\n[[result: ',
  resultSuffix: ']]\n',
  /** What node-llama-cpp renders for a tool that returned `undefined`. */
  voidResult: 'void',
} as const;
