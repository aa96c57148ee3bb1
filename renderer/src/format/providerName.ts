/**
 * A provider id as a person reads it: `local:source.gguf` is `source.gguf`,
 * `openai:api.example.com/gpt-4o` is `gpt-4o at api.example.com`, `anthropic:claude-x` is `claude-x`.
 * Anything else is shown as it is.
 */
export function providerName(id: string): string {
  const match = /^(local|openai|anthropic):(.+)$/.exec(id);
  if (match === null) return id;
  const rest = match[2] ?? '';
  if (match[1] !== 'openai') return rest;
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : `${rest.slice(slash + 1)} at ${rest.slice(0, slash)}`;
}
