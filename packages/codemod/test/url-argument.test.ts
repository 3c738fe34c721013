import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scanOneSite } from './helpers.js';

/**
 * An `rtm.start` URL given to a function of the same file, whose parameter goes only to one request
 * (the patterns `url-given-to-function` show the rewrite; behaviour.test.ts runs such a bot). Here:
 * the functions rtm-migrate must not change, each a TODO saying why, and one that it may. The real
 * CLI on files on disk.
 */

const HEAD = "const rp = require('request-promise');\n";

const scanOne = (body: string): ReturnType<typeof scanOneSite> => scanOneSite('rtm-migrate-url-argument-', `${HEAD}${body}\n`);

const BOOT = "async function boot(address) {\n  const data = await rp(address).then((text) => JSON.parse(text));\n  console.log(data.users.length);\n}\n";

describe('a URL given to a function that cannot be changed for it alone: a TODO naming why', () => {
  it.each([
    ['the function is also called with another URL', `${BOOT}boot('https://slack.com/api/auth.test?token=' + process.env.T);\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);`, '`boot`, which is also called or handed on elsewhere'],
    ['the function is handed on', `${BOOT}module.exports = boot;\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);`, '`boot`, which is also called or handed on elsewhere'],
    ['the function is exported', `export ${BOOT}boot('https://slack.com/api/rtm.start?token=' + process.env.T);`, '`boot`, which is also called or handed on elsewhere'],
    ['the parameter is also logged', "async function boot(address) {\n  console.log('asking', address);\n  const data = await rp(address).then((text) => JSON.parse(text));\n  console.log(data.users.length);\n}\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);", 'whose parameter `address` is used elsewhere than in one request'],
    ['the parameter is assigned again', "async function boot(address) {\n  address = address + '&x=1';\n  const data = await rp(address).then((text) => JSON.parse(text));\n  console.log(data.users.length);\n}\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);", 'whose parameter `address` is used elsewhere than in one request'],
    ['the function reads arguments', "async function boot(address) {\n  const data = await rp(arguments[0]).then((text) => JSON.parse(text));\n  console.log(data.users.length, address);\n}\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);", 'whose parameter for it is not one plain name'],
    ['the base is a parameter of the caller', `${BOOT}function go(api) {\n  return boot(api + 'rtm.start?token=' + process.env.T);\n}\ngo('https://slack.com/api/');`, 'the base it is built on reads names that may not mean the same inside it'],
    ['a field the helper module does not rebuild is read inside', "async function boot(address) {\n  const data = await rp(address).then((text) => JSON.parse(text));\n  console.log(data.self.prefs, data.users.length);\n}\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);", 'the function reads `self.prefs`'],
    ['the parameter goes to a client that is not rebuilt', "const slack = require('./slack-http');\nfunction boot(address) {\n  return slack.get(address);\n}\nboot('https://slack.com/api/rtm.start?token=' + process.env.T);", '`slack.get` comes from `./slack-http`, which is not among the files'],
  ])('%s', async (_name, body, why) => {
    const { dir, site } = await scanOne(body);
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain(why);
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    // Only the TODO comment is added: the call, the function and its request stay as they were.
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out.split('\n').filter((line) => !/^\s*\/\/ (TODO\(rtm-migrate\)| {2})/.test(line)).join('\n')).toBe(`${HEAD}${body}\n`);
  });
});

describe('a URL given to a function of the file used for it alone: rebuilt inside it', () => {
  it('passes the query as arguments and keeps the base where the function makes the request', async () => {
    const body = "const API = 'https://slack.com/api/';\nconst boot = async (address) => {\n  const data = await rp({ uri: address, json: true });\n  console.log(data.users.length);\n};\nboot(API + 'rtm.start?token=' + process.env.T + '&simple_latest=1');";
    const { dir, site } = await scanOne(body);
    expect(site?.rewrite).toBe('helper-module');
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toContain("boot({ token: process.env.T, simple_latest: '1' });");
    expect(out).toContain('const boot = async (startArgs) => {');
    expect(out).toContain('rp({ uri: API + apiMethod, json: true, qs: apiArgs })');
    expect(out).toContain('await rtmStartData(callSlack, startArgs)');
    expect(out).not.toContain('rtm.start');
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).stdout).toContain('changed: 0');
  });
});
