/**
 * The GGUF metadata entry the project writes into its own models to name their chat format, read
 * back from `model.fileInfo.metadata` by the local provider: `atropos.chat_format =
 * "atropos-compact-v1"` selects `AtroposChatWrapper`; any other GGUF gets node-llama-cpp's
 * "auto" wrapper resolution.
 */
export const chatFormatMetadata = {
  /** The metadata key (a GGUF string). */
  key: 'atropos.chat_format',
  /** The value for the compact format of `compactFormat.ts`. */
  compactV1: 'atropos-compact-v1',
} as const;
