/**
 * How a function of the generated module that starts one SDK's client takes that client. In TypeScript
 * its parameter is typed `object`, not the module's view of the client: code may type its client its own
 * way (a declaration of its own of the SDK's class, written before the SDK had typings, with only the
 * methods the code calls), and must still compile once its start is handed to the function. The view
 * (`client as View`) is taken inside, and the members the function uses are checked there instead: a
 * client without them throws a TypeError at once, rather than fail at a start or reconnect later.
 */
export interface ClientView {
  /** The function's name, for the error. */
  readonly name: string;
  /** The module's interface of what the function uses (TypeScript). */
  readonly view: string;
  /** The members the function calls, by path (`_rtm.start`): each must be a function. */
  readonly members: readonly string[];
  /** What the function expects, for the error: `a @slack/client v3 RtmClient`. */
  readonly expected: string;
}

/** `rtm._rtm.start` read as `(rtm._rtm && rtm._rtm.start)`: undefined, not a TypeError, where a part is missing. */
function memberRead(member: string): string {
  const parts = member.split('.');
  const reads = parts.map((_, i) => ['rtm', ...parts.slice(0, i + 1)].join('.'));
  return reads.length === 1 ? reads.join('') : `(${reads.join(' && ')})`;
}

/** The parameter: `client: object` in TypeScript, `rtm` in JavaScript (the name the body uses). */
export function clientParameter(typescript: boolean): string {
  return typescript ? 'client: object' : 'rtm';
}

/** The body's first lines: the view `rtm` (TypeScript), then the check of its members. */
export function clientViewLines(typescript: boolean, v: ClientView): string[] {
  const missing = v.members.map((m) => `typeof ${memberRead(m)} !== 'function'`).join(' || ');
  return [
    ...(typescript
      ? [
          `  // \`object\`, not ${v.view}: code may type its client its own way (its own declaration of the`,
          '  // class, with only the methods it calls). What is used here is checked at once instead.',
          `  const rtm = client as unknown as ${v.view};`,
        ]
      : ['  // What is used here is checked at once, rather than fail at a start or reconnect later.']),
    `  if (${missing}) {`,
    `    throw new TypeError('${v.name}() expected ${v.expected}: this client lacks one of ${v.members.join(', ')}');`,
    '  }',
  ];
}

/**
 * The first lines of startRtmClient(): a `start` the program set on the object itself, where the object is no
 * SDK client (a test's stand-in: `bot.slack.rtm.start = sinon.stub()` on an EventEmitter of its own), runs as
 * the code ran it before, and asks Slack nothing (blind s124/03: slack-irc's tests failed on the TypeError
 * below, 73 passing → 25). A real client keeps its `start` on its prototype and is checked as before.
 */
export function standInStartLines(typescript: boolean): string[] {
  const client = typescript ? 'client' : 'rtm';
  const own = typescript ? `(${client} as { start?: unknown; _makeAPICall?: unknown })` : client;
  return [
    "  // A start the program set on an object of its own (a test's stand-in) runs as the code ran it: it asks Slack nothing.",
    `  const ownStart = Object.prototype.hasOwnProperty.call(${client}, 'start') && typeof ${own}._makeAPICall !== 'function' ? ${own}.start : undefined;`,
    "  if (typeof ownStart === 'function') {",
    `    ownStart.call(${client}, args);`,
    '    return;',
    '  }',
  ];
}
