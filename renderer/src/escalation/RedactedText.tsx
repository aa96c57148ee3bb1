/** Props of RedactedText. */
export type RedactedTextProps = {
  readonly text: string;
  /** Placeholder -> original, shown on hover (this screen is on the person's machine). */
  readonly originals?: Readonly<Record<string, string>>;
};

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
 * Redacted text with every placeholder highlighted; hovering (or focusing) one shows the original,
 * which is on this machine only and not part of what is sent.
 */
export function RedactedText({ text, originals = {} }: RedactedTextProps) {
  return (
    <>
      {splitPlaceholders(text).map((part, index) =>
        part.isPlaceholder ? (
          <mark
            key={index}
            className="redaction"
            tabIndex={0}
            data-original={originals[part.text]}
            title={
              originals[part.text] === undefined
                ? `Redacted (${part.text.slice(1, part.text.lastIndexOf('_'))}); the original stays on this machine`
                : `${originals[part.text]} (shown here only; the cloud gets ${part.text})`
            }
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
