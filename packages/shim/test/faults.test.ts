import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { withRtmStartCompat, type RtmStartCompatResponse } from '@rtm-migrate/shim';
import { client, WebAPIPlatformError, WebAPIRateLimitedError, WebClientV8 } from './helpers.js';

let fake: FakeSlack;
afterEach(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the set-up failed
  await fake?.close();
});

const start = async (options: Parameters<typeof startFakeSlack>[0] = {}) => {
  fake = await startFakeSlack({ seed: 21, users: 450, channels: 30, mode: 'connect_required', ...options });
  return fake;
};
const complete = (res: RtmStartCompatResponse): void => {
  expect(res.ok).toBe(true);
  expect(res.users).toHaveLength(fake.workspace.users.length);
  expect(res.channels).toHaveLength(fake.workspace.byType.public_channel.length);
  for (const c of res.channels!) if (c.is_member) expect(c.members).toHaveLength(fake.workspace.memberCount(fake.workspace.conversation(c.id)!));
  expect(fake.calls.at(-1)?.method).toBe('rtm.connect');
};
const noConnect = (): void => expect(fake.calls.some((c) => c.method === 'rtm.connect')).toBe(false);

describe('faults: a complete response or a clear error, never partial, never hung', () => {
  it('HTTP 500: the client\'s own HTTP error, no rtm.connect; with retries, complete', async () => {
    await start({ faults: { 'users.list': { status500: 1 } } });
    await expect(withRtmStartCompat(client(fake.apiUrl), { rateLimit: false }).rtm.start({})).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 500,
      message: expect.stringMatching(/rtm\.start compat: users\.list/) as unknown,
    });
    await new Promise((r) => setTimeout(r, 50));
    noConnect();
    fake.resetCalls();
    fake.injectFault('conversations.members', { status500: 2 });
    const web = client(fake.apiUrl, 'xoxb-test', { retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 20 } });
    complete(await withRtmStartCompat(web, { rateLimit: false }).rtm.start({}));
  });

  it('dropped connections: retried by the client, complete; too many: a request error', async () => {
    await start({ faults: { 'conversations.list': { drop: 2 } } });
    const web = client(fake.apiUrl, 'xoxb-test', { retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 20 } });
    complete(await withRtmStartCompat(web, { rateLimit: false }).rtm.start({}));
    fake.resetCalls();
    fake.injectFault('team.info', { drop: 5 });
    await expect(withRtmStartCompat(client(fake.apiUrl), { rateLimit: false }).rtm.start({})).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    noConnect();
  });

  it('429 bursts: Retry-After honoured (WebClient retries itself), complete', async () => {
    await start({ faults: { 'conversations.members': { burst429: 1 } } });
    const web = client(fake.apiUrl, 'xoxb-test', { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 20 } });
    const t = performance.now();
    complete(await withRtmStartCompat(web, { rateLimit: false }).rtm.start({}));
    expect(performance.now() - t).toBeGreaterThanOrEqual(990);
    expect(fake.stats().ratelimited).toBe(1);
  });

  it('429 with rejectRateLimitedCalls: the shim waits Retry-After itself; out of retries: RateLimitedError with retryAfter', async () => {
    await start({ faults: { 'users.list': { burst429: 1 } } });
    const web = client(fake.apiUrl, 'xoxb-test', { rejectRateLimitedCalls: true });
    const t = performance.now();
    complete(await withRtmStartCompat(web, { rateLimit: false }).rtm.start({}));
    expect(performance.now() - t).toBeGreaterThanOrEqual(990);
    fake.resetCalls();
    fake.injectFault('users.list', { burst429: 1 });
    const strict = withRtmStartCompat(client(fake.apiUrl, 'xoxb-test', { rejectRateLimitedCalls: true }), { rateLimit: false, maxRateLimitRetries: 0 });
    await expect(strict.rtm.start({})).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    noConnect();
  });

  it('v8: errors stay v8 classes (WebAPIPlatformError, WebAPIRateLimitedError)', async () => {
    await start({ tokens: { 'xoxb-narrow': { scopes: ['channels:read', 'groups:read', 'mpim:read', 'im:read', 'team:read'] } } });
    const v8 = withRtmStartCompat(new WebClientV8('xoxb-narrow', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: 'error' as never }), { rateLimit: false });
    const err = await v8.rtm.start({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    expect(err).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'missing_scope' } });
    fake.injectFault('users.list', { burst429: 1 });
    const strict = withRtmStartCompat(new WebClientV8('xoxb-test', { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logLevel: 'error' as never }), {
      rateLimit: false,
      maxRateLimitRetries: 0,
    });
    const limited = await strict.rtm.start({}).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
    expect(limited).toMatchObject({ retryAfter: 1 });
  });

  it('missing scope: an error naming the scope and the field; or, with omit, the field left out with a warning', async () => {
    await start({ tokens: { 'xoxb-narrow': { scopes: ['channels:read', 'groups:read', 'im:read', 'users:read'] } } });
    const web = () => client(fake.apiUrl, 'xoxb-narrow');
    const err = (await withRtmStartCompat(web(), { rateLimit: false }).rtm.start({ mpim_aware: true }).catch((e: unknown) => e)) as Error & {
      data: Record<string, unknown>;
    };
    expect(err).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'missing_scope', needed: expect.stringMatching(/mpim:read|team:read/) as unknown } });
    expect(err.message).toMatch(/`(mpims|team)` needs scope `(mpim:read|team:read)`/);
    expect(err.data['rtm_start_compat']).toMatchObject({ field: expect.stringMatching(/mpims|team/) as unknown });
    noConnect();

    fake.resetCalls();
    const res = await withRtmStartCompat(web(), { rateLimit: false, onMissingScope: 'omit' }).rtm.start({ mpim_aware: true });
    expect(res.mpims).toBeUndefined();
    expect(res.team['email_domain']).toBeUndefined();
    expect(res.users).toHaveLength(fake.workspace.users.length);
    expect(res.groups).toHaveLength(fake.workspace.byType.private_channel.length);
    expect(res.response_metadata.warnings).toEqual(['rtm_start_compat', 'rtm_start_compat_field_omitted']);
    expect(res.response_metadata.messages!.join('\n')).toMatch(/omitted `mpims`: missing scope `mpim:read`/);
    expect(res.response_metadata.messages!.join('\n')).toMatch(/omitted `team`: missing scope `team:read`/);
    expect(fake.calls.at(-1)?.method).toBe('rtm.connect');
  });

  it('missing users:read: users and bots both named / omitted', async () => {
    await start({ tokens: { 'xoxb-nousers': { scopes: ['channels:read', 'groups:read', 'im:read', 'mpim:read', 'team:read'] } } });
    const err = (await withRtmStartCompat(client(fake.apiUrl, 'xoxb-nousers'), { rateLimit: false, mode: 'always' })
      .rtm.start({})
      .catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/`users` needs scope `users:read` for users\.list/);
    const res = await withRtmStartCompat(client(fake.apiUrl, 'xoxb-nousers'), { rateLimit: false, mode: 'always', onMissingScope: 'omit' }).rtm.start({});
    expect(res.users).toBeUndefined();
    expect(res.bots).toBeUndefined();
    expect(res.channels!.length).toBeGreaterThan(0);
  });

  it('invalid and inactive tokens: the platform error, nothing built', async () => {
    await start();
    await expect(withRtmStartCompat(client(fake.apiUrl, 'xoxb-bogus'), { rateLimit: false }).rtm.start({})).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'invalid_auth' },
    });
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.start']);
    await expect(withRtmStartCompat(client(fake.apiUrl, 'xoxb-inactive'), { rateLimit: false, mode: 'always' }).rtm.start({})).rejects.toMatchObject({
      data: { error: 'account_inactive' },
    });
    await new Promise((r) => setTimeout(r, 50));
    noConnect();
  });

  it('a method that never answers: the client timeout ends it, nothing hangs', async () => {
    await start({ faults: { 'team.info': { delayMs: 5000 } } });
    await expect(withRtmStartCompat(client(fake.apiUrl, 'xoxb-test', { timeout: 300 }), { rateLimit: false }).rtm.start({})).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    fake.clearFaults();
  });
});
