import { isIP } from 'node:net';

/**
 * True for 127.0.0.0/8, ::1 (also bracketed or IPv4-mapped) and `localhost`: the only addresses the
 * project's servers (fake Slack, the shim's proxy) listen on unless told otherwise.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || h.startsWith('::ffff:127.');
  return false;
}
