import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { descendants, parameterUses } from '../src/index.js';
import { parseFile } from '../src/project.js';

/**
 * The uses of the `res` parameter of the one function given to `.end(…)`, each as the source of the
 * member or call around it (`res.body`, `keep(res)`): what a transport checks the response is used for.
 */
function usesOfRes(source: string): string[] {
  const parsed = parseFile('/virtual/bot.js', source);
  const end = [...descendants(parsed.resolver, parsed.program)].find(
    (n): n is TSESTree.CallExpression => n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression && n.callee.property.type === AST_NODE_TYPES.Identifier && n.callee.property.name === 'end',
  );
  const callback = end?.arguments[0];
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression) throw new Error('no `.end` arrow callback');
  const res = callback.params[1];
  if (res?.type !== AST_NODE_TYPES.Identifier) throw new Error('no `res` parameter');
  return parameterUses(parsed.resolver, res).map((r) => parsed.text.slice(...r.identifier.parent.range));
}

const CLASS = (extra: string, onres = 'onres(err, res) { console.log(res.body.users, res.status); }') => `const request = require('superagent');
class Team {
  fetch() { request.get('https://slack.com/api/rtm.start').end((err, res) => { this.onres(err, res); }); }
  ${onres}
}
${extra}`;

describe('a response handed on whole to a method of the same class or a function of the module', () => {
  it("`this.onres(err, res)`: the method's uses are the callback's", () => {
    expect(usesOfRes(CLASS(''))).toEqual(['res.body', 'res.status']);
  });

  it('`remember(err, res)` of the module, transitively into `this`-less functions it hands on to', () => {
    const source = `const superagent = require('superagent');
function inner(r) { return r.body.channels; }
function remember(err, res) { return inner(res); }
superagent.get('https://slack.com/api/rtm.start').end((err, res) => remember(err, res));`;
    expect(usesOfRes(source)).toEqual(['r.body']);
  });

  it.each([
    ['the method is also called elsewhere', CLASS('new Team().onres(null, {});')],
    ['the method is taken as a value', CLASS('const t = new Team(); setTimeout(t.onres.bind(t), 10);')],
    ['a subclass overrides it', CLASS('class Other extends Team { onres(err, res) { console.log(res.headers); } }')],
    ['another function is stored under its name', CLASS('Team.prototype.onres = function (err, res) { console.log(res.headers); };')],
    ['the method reads `arguments`', CLASS('', 'onres() { console.log(arguments[1].headers); }')],
  ])('not followed where %s: the hand-off is a use of its own', (_name, source) => {
    expect(usesOfRes(source)).toEqual(['this.onres(err, res)']);
  });

  it('functions that hand the value round in a loop: the one handed back to is called twice, so it is not followed (no loop)', () => {
    const source = `const superagent = require('superagent');
function a(res) { return res.ok ? res.body : b(res); }
function b(res) { return a(res); }
superagent.get('https://slack.com/api/rtm.start').end((err, res) => a(res));`;
    expect(usesOfRes(source)).toEqual(['a(res)']);
  });

  it('a function called from two places is not followed', () => {
    const source = `const superagent = require('superagent');
function keep(res) { return res.body; }
keep({ body: 1 });
superagent.get('https://slack.com/api/rtm.start').end((err, res) => keep(res));`;
    expect(usesOfRes(source)).toEqual(['keep(res)']);
  });
});
