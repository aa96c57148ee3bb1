const segmentSeparator = /[^\p{L}\p{N}]+/u;

/**
 * The whole identifiers of a text, lowercased and not split further: `a.b.FooBar(int)` gives
 * `a`, `b`, `foobar`, `int`. Used to check whether an answer names things the task has seen.
 */
export function identifierSegments(text: string): string[] {
  return text
    .split(segmentSeparator)
    .filter((segment) => segment.length > 0)
    .map((segment) => segment.toLowerCase());
}
