/** Slack tokens (`xoxb-…`, `xoxp-…`, `xapp-…`), bearer credentials and `token=` fields. */
const PATTERNS: readonly [RegExp, string][] = [
  [/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/gi, '$1-[redacted]'],
  [/(Bearer\s+)[^\s,;"']+/gi, '$1[redacted]'],
  [/(\btoken=)[^&\s"']+/gi, '$1[redacted]'],
];

/** Removes every token from a log line; applied to every line the proxy writes. */
export function redact(line: string, known: Iterable<string> = []): string {
  let out = line;
  for (const secret of known) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}

/** An error's message, for a log line (redacted like every line). */
export function errorMessageOf(e: unknown): string {
  return redact(e instanceof Error ? e.message : String(e));
}

/**
 * The log of a server: `option` as its options give it (a line sink, `false` for none, default
 * stderr); every line time-stamped, with tokens (and `secrets`) removed before it leaves.
 */
export function serverLog(option: ((line: string) => void) | false | undefined, secrets: Iterable<string> = []): (line: string) => void {
  if (option === false) return () => undefined;
  const sink = option ?? ((line: string) => process.stderr.write(`${line}\n`));
  return (line) => {
    sink(redact(`${new Date().toISOString()} ${line}`, secrets));
  };
}
