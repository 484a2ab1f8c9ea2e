/**
 * What another server said (an SMTP server, an SMS gateway, or the connection to it): shown as
 * it came, in a code-like block the browser is told not to translate, since it is not ours to
 * translate.
 */
export function TheirWords({ text, testId }: { text: string; testId: string }) {
  return (
    <div
      translate="no"
      lang="en"
      style={{ marginTop: 4, padding: "4px 8px", borderRadius: 4, background: "rgba(0, 0, 0, 0.04)", fontFamily: "monospace", fontSize: 12, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
      data-testid={testId}
    >
      {text}
    </div>
  );
}
