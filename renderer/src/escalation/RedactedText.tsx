/** Props of RedactedText. */
export type RedactedTextProps = { readonly text: string };

// The vault's placeholder shape: `[EMAIL_1]`, `[CREDIT_CARD_2]`.
const placeholderPattern = /\[[A-Z][A-Z0-9_]*_\d+\]/g;

/** Splits text into plain parts and placeholders. */
export function splitPlaceholders(text: string): { readonly text: string; readonly isPlaceholder: boolean }[] {
  const parts: { text: string; isPlaceholder: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(placeholderPattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), isPlaceholder: false });
    parts.push({ text: match[0], isPlaceholder: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), isPlaceholder: false });
  return parts;
}

/**
 * Redacted text with every placeholder highlighted. The original never reaches the page: the
 * tooltip says so rather than showing it.
 */
export function RedactedText({ text }: RedactedTextProps) {
  return (
    <>
      {splitPlaceholders(text).map((part, index) =>
        part.isPlaceholder ? (
          <mark
            key={index}
            className="redaction"
            title={`Redacted (${part.text.slice(1, part.text.lastIndexOf('_'))}); the original stays on this machine`}
          >
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
