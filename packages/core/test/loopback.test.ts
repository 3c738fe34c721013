import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../src/index.js';

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.0.0.2', '127.255.255.254', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])(
    'accepts %s',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['0.0.0.0', '10.0.0.1', '192.168.1.1', '128.0.0.1', '::', 'slack.com', '127.0.0.1.example', '127.1', ''])('refuses %s', (host) =>
    expect(isLoopbackHost(host)).toBe(false),
  );
});
