/**
 * Everything from the cluster is untrusted text. In a Markdown summary it must not turn into links, HTML,
 * formatting or channel-wide mentions when pasted into a chat or a ticket.
 */

/** Inline code span; backticks and line breaks inside are removed so the span cannot be closed early. */
export function mdCode(s: string): string {
  const clean = oneLine(s).replace(/`/g, "'");
  return clean ? `\`${clean}\`` : "`-`";
}

/** Plain text: one line, Markdown link/HTML/emphasis characters escaped, @here-style mentions defused. */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/([\\`*_[\]<>|])/g, "\\$1")
    .replace(/@(here|channel|everyone)\b/gi, "@\u200b$1");
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, " ").replace(/\s{2,}/g, " ").trim();
}
