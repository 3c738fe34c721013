/** A command line the CLI cannot run (a path that does not exist, a dirty git tree): exit 2, one line, no stack. */
export class UsageError extends Error {}

/** A file a parser refused (the input, or a rewrite that would not parse again), with where. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}
