import { describe, expect, it } from 'vitest';
import { frameText, isJsonObject, parseJsonObject } from '../src/index.js';

describe('frameText', () => {
  const text = '{"type":"message","text":"héllo 👋"}';
  const bytes = Buffer.from(text, 'utf8');
  it('decodes a Buffer, an ArrayBuffer and the fragments of one message as UTF-8', () => {
    expect(frameText(bytes)).toBe(text);
    expect(frameText(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))).toBe(text);
    // A cut inside a multi-byte character: the fragments are joined before decoding.
    const cut = bytes.length - 2;
    expect(frameText([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(text);
  });
});

describe('parseJsonObject', () => {
  it('returns the object of a JSON object', () => {
    expect(parseJsonObject('{"envelope_id":"e1","payload":{"a":1}}')).toEqual({ envelope_id: 'e1', payload: { a: 1 } });
  });
  it.each(['not json', '', '[1,2]', 'null', '"text"', '42', 'true'])('returns undefined for %j', (text) => {
    expect(parseJsonObject(text)).toBeUndefined();
  });
});

describe('isJsonObject', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    ['x', false],
    [1, false],
  ])('%j → %s', (value, expected) => {
    expect(isJsonObject(value)).toBe(expected);
  });
});
