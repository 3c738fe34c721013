import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../src/index.js';
import { post } from './helpers.js';

let fake: FakeSlack;
let url: string;
beforeAll(async () => {
  fake = await startFakeSlack({ users: 30, channels: 5, bodyTimeoutMs: 300 });
  url = `${fake.apiUrl}auth.test`;
});
afterAll(() => fake.close());
beforeEach(() => fake.resetCalls());

const FORM = 'application/x-www-form-urlencoded';
const bearer = { authorization: 'Bearer xoxb-test' };

describe('request rules (reference §2)', () => {
  it('takes the token from the header, a form field or the query string, by GET or POST', async () => {
    expect(await post(url, 'token=xoxb-test', { 'content-type': `${FORM}; charset=utf-8` })).toMatchObject({ ok: true });
    expect(await (await fetch(`${url}?token=xoxb-test`)).json()).toMatchObject({ ok: true });
    expect(await (await fetch(url, { headers: bearer })).json()).toMatchObject({ ok: true });
    const body = new FormData();
    body.set('token', 'xoxb-test');
    body.set('user', fake.workspace.users[1]!.id);
    const res = (await (await fetch(`${fake.apiUrl}users.info`, { method: 'POST', body })).json()) as Record<string, unknown>;
    expect(res).toMatchObject({ ok: true, user: { id: fake.workspace.users[1]!.id } });
    expect(fake.calls.at(-1)?.args).toEqual({ user: fake.workspace.users[1]!.id });
  });

  it('JSON body → invalid_post_type; body without Content-Type → missing_post_type', async () => {
    expect(await post(`${fake.apiUrl}rtm.start`, '{"no_unreads":true}', { ...bearer, 'content-type': 'application/json' })).toMatchObject({
      ok: false,
      error: 'invalid_post_type',
    });
    expect(await post(`${fake.apiUrl}rtm.connect`, '{}', { ...bearer, 'content-type': 'application/json; charset=utf-8' })).toMatchObject({
      error: 'invalid_post_type',
    });
    const blob = new Blob(['token=xoxb-test']); // a Blob without type: fetch sends no Content-Type
    const res = await fetch(url, { method: 'POST', body: blob });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: 'missing_post_type' });
  });

  it('charsets: invalid_charset, missing_charset, superfluous_charset', async () => {
    expect(await post(url, 'token=xoxb-test', { 'content-type': `${FORM}; charset=utf-16` })).toMatchObject({ error: 'invalid_charset' });
    const missing = await post(url, 'token=xoxb-test', { 'content-type': 'text/plain' });
    expect(missing).toMatchObject({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
    // A urlencoded form without charset is what WebClient sends: no warning.
    expect(await post(url, 'token=xoxb-test', { 'content-type': FORM })).not.toHaveProperty('warning');
    expect(await post(url, 'token=xoxb-test', { 'content-type': `${FORM}; charset=iso-8859-1` })).not.toHaveProperty('warning');
    const get = await (await fetch(url, { headers: { ...bearer, 'content-type': `${FORM}; charset=utf-8` } })).json();
    expect(get).toMatchObject({ ok: true, warning: 'superfluous_charset' });
    expect(fake.calls.find((c) => c.warnings?.includes('superfluous_charset'))).toBeDefined();
  });

  it('PHP-style arrays → invalid_array_arg; bad names → invalid_arg_name; broken form → invalid_form_data', async () => {
    const form = { ...bearer, 'content-type': `${FORM}; charset=utf-8` };
    expect(await post(`${fake.apiUrl}users.list`, 'foo[7]=1', form)).toMatchObject({ error: 'invalid_array_arg' });
    expect(await post(`${fake.apiUrl}users.list`, 'types[]=im', form)).toMatchObject({ error: 'invalid_array_arg' });
    expect(await post(`${fake.apiUrl}users.list`, 'li-mit=1', form)).toMatchObject({ error: 'invalid_arg_name' });
    expect(await post(`${fake.apiUrl}users.list`, 'limit=%zz', form)).toMatchObject({ error: 'invalid_form_data' });
    const multipart = { ...bearer, 'content-type': 'multipart/form-data; boundary=nope' };
    expect(await post(`${fake.apiUrl}users.list`, 'garbage', multipart)).toMatchObject({ error: 'invalid_form_data' });
  });

  it('a truncated POST body → request_timeout', async () => {
    const { port } = fake;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/auth.test HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${FORM}; charset=utf-8\r\nContent-Length: 100\r\n\r\ntoken=xoxb`,
        );
      });
      let text = '';
      socket.on('data', (d) => (text += String(d)));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('"error":"request_timeout"');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'auth.test', error: 'request_timeout' });
    expect(JSON.stringify(fake.calls)).not.toContain('xoxb');
  });

  it('unknown methods answer ok:false unknown_method; other paths 404', async () => {
    expect(await post(`${fake.apiUrl}chat.frobnicate`, undefined, bearer)).toMatchObject({ ok: false, error: 'unknown_method' });
    expect((await fetch(`${fake.apiUrl.replace('/api/', '/')}elsewhere`)).status).toBe(404);
  });
});
