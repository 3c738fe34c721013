import { isLoopbackHost } from '@rtm-migrate/core';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** `127.0.0.1:8787`, `[::1]:8787`, `localhost:0` → host and port; a clear error otherwise. */
export function parseListen(value: string): ListenAddress {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(value.trim());
  if (!m) throw new Error(`--listen must be host:port (e.g. 127.0.0.1:8787), got ${JSON.stringify(value)}`);
  const host = m[1] ?? m[2] ?? '';
  const port = Number(m[3]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--listen port must be 0-65535, got ${m[3]}`);
  return { host, port };
}

/**
 * The one upstream the proxy forwards to: an http(s) URL of a Web API base, without credentials,
 * query or fragment; a missing trailing slash is added.
 */
export function parseUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--upstream must be an absolute http(s) URL such as https://slack.com/api/, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`--upstream must use http or https, got ${url.protocol}`);
  if (url.username || url.password) throw new Error('--upstream must not carry credentials');
  if (url.search || url.hash) throw new Error('--upstream must not have a query or fragment');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * A check of the `Host` header against the listening address: a loopback listener answers only to
 * loopback names (against DNS rebinding); with `allowRemote`, any host.
 */
export function hostHeaderCheck(listen: ListenAddress, allowRemote: boolean): (header: string | undefined) => boolean {
  const allowed = new Set([listen.host.toLowerCase(), ...(isLoopbackHost(listen.host) ? ['localhost', '127.0.0.1', '::1'] : [])]);
  return (header) => {
    if (allowRemote) return true;
    if (!header) return false;
    const m = /^(?:\[([^\]]+)\]|([^:]+))(?::\d+)?$/.exec(header.trim());
    return allowed.has((m?.[1] ?? m?.[2] ?? '').toLowerCase());
  };
}
