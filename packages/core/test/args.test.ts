import { describe, expect, it } from 'vitest';
import { RTM_CONNECT_ARGS, RTM_START_ARGS, RTM_START_ONLY_ARGS, isRtmConnectArg, isRtmStartOnlyArg, unsupportedArgMessage } from '../src/index.js';
import { codeSpans, readReference, tableAfter } from './reference.js';

const reference = readReference();

describe('RTM_START_ONLY_ARGS against reference §1, row by row', () => {
  const rows = tableAfter(reference, '### Arguments `rtm.connect` does not accept');
  it('has one entry per row and no other', () => {
    expect(Object.keys(RTM_START_ONLY_ARGS).sort()).toEqual(rows.map(([arg]) => codeSpans(arg!)[0]).sort());
  });
  for (const [argCell, didCell, insteadCell] of rows as [string, string, string][]) {
    const name = codeSpans(argCell)[0]!;
    it(name, () => {
      expect(isRtmStartOnlyArg(name)).toBe(true);
      const fact = RTM_START_ONLY_ARGS[name as keyof typeof RTM_START_ONLY_ARGS];
      // Every code span of the "what it did" cell is named in core's wording.
      for (const span of codeSpans(didCell)) expect(fact.did).toContain(span.split('=')[0]);
      const insteadMethods = codeSpans(insteadCell).filter((s) => /^[a-z]+\.[a-zA-Z.]+$/.test(s));
      if (insteadCell.startsWith('nothing')) expect(fact.replacement).toBeNull();
      else expect(insteadMethods).toContain(fact.replacement!.method);
      expect(unsupportedArgMessage(fact.name)).toContain(`\`${name}\``);
    });
  }
});

describe('RTM_CONNECT_ARGS against reference §1', () => {
  const methods = tableAfter(reference, '## 1. The two methods');
  const argumentsRow = methods.find(([label]) => label === 'Arguments')!;
  it('are the arguments rtm.connect takes, token aside', () => {
    const connect = codeSpans(argumentsRow[2]!).filter((a) => a !== 'token');
    expect([...RTM_CONNECT_ARGS].sort()).toEqual(connect.sort());
    for (const arg of connect) expect(isRtmConnectArg(arg)).toBe(true);
  });
  it('rtm.start takes its own arguments plus those', () => {
    const start = codeSpans(argumentsRow[1]!);
    expect([...RTM_START_ARGS].sort()).toEqual(start.sort());
  });
});
