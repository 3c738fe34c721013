import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { FakeSlack } from '../src/index.js';

/** A real WebClient pointed at the fake: quiet, no retries unless asked. */
export function clientFor(fake: FakeSlack, token = 'xoxb-test', options: WebClientOptions = {}): WebClient {
  return new WebClient(token, { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 }, ...options });
}

/** Every item of a paginated method, through `client.paginate`. */
export async function collect<T>(client: WebClient, method: string, key: string, args: Record<string, unknown> = {}): Promise<T[]> {
  const items: T[] = [];
  for await (const page of client.paginate(method, args)) items.push(...((page as unknown as Record<string, unknown>)[key] as T[]));
  return items;
}

export async function post(url: string, body: string | undefined, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  return (await res.json()) as Record<string, unknown>;
}
