// A preload for clients the tests run unchanged (`NODE_OPTIONS=--require <this file>`): every TCP
// connection to a host off loopback (127.0.0.0/8, ::1, `localhost`) and every DNS query for such a
// name fails at once, before a packet leaves the machine. Tests talk to fake Slack on 127.0.0.1 only;
// a client that still holds Slack's address somewhere (a WebClient it never lets us point elsewhere,
// a default URL in a failing path) must not reach, or even look up, slack.com, nor wait on a network
// the test machine may not have. Each refusal is written to stderr as `loopback-only: refused …`, so a
// test can assert that nothing tried.
'use strict';
const net = require('node:net');
const dns = require('node:dns');

const LOOPBACK_NAMES = new Set(['localhost', 'localhost.', 'ip6-localhost']);

function isLoopback(host) {
  if (typeof host !== 'string' || host === '') return true; // Node's default host: localhost
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(bare)) return true;
  if (net.isIPv4(bare)) return bare.startsWith('127.');
  if (net.isIPv6(bare)) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

function refusal(what, host, port) {
  const target = port === undefined ? String(host) : `${host}:${port}`;
  process.stderr.write(`loopback-only: refused ${what} ${target}\n`);
  const error = new Error(`loopback-only: ${what} ${target} refused (the test allows loopback only)`);
  error.code = what === 'lookup' ? 'ENOTFOUND' : 'ECONNREFUSED';
  error.hostname = String(host);
  return error;
}

// net.Socket#connect: what net.connect, http(s), tls, ws and undici (fetch) all end in.
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function loopbackOnlyConnect(...args) {
  let options;
  if (Array.isArray(args[0])) options = args[0][0]; // net.connect's normalized arguments
  else if (args[0] !== null && typeof args[0] === 'object') options = args[0];
  else if (typeof args[0] === 'string' && !/^\d+$/.test(args[0])) options = { path: args[0] };
  else options = { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  if (options && options.path === undefined && !isLoopback(options.host)) {
    const error = refusal('connection to', options.host, options.port);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

// DNS, for a client that looks a name up itself before connecting.
const callbackStyle = (original) =>
  function loopbackOnlyLookup(hostname, ...rest) {
    if (isLoopback(hostname)) return original.call(this, hostname, ...rest);
    const callback = rest.findLast((a) => typeof a === 'function');
    const error = refusal('lookup', hostname);
    if (callback) process.nextTick(() => callback(error));
    return {};
  };
const promiseStyle = (original) =>
  function loopbackOnlyLookup(hostname, ...rest) {
    return isLoopback(hostname) ? original.call(this, hostname, ...rest) : Promise.reject(refusal('lookup', hostname));
  };
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveSrv', 'resolveTxt']) {
  if (typeof dns[name] === 'function') dns[name] = callbackStyle(dns[name]);
  if (typeof dns.promises[name] === 'function') dns.promises[name] = promiseStyle(dns.promises[name]);
}
