/**
 * The system prompt of the arithmetic world, the same for every provider and in training (a tiny
 * model only works with the prompt it was trained on). Short on purpose: it is in every transcript.
 */
export const worldSystemPrompt = 'Use calc per operation. Answer with the number.';
