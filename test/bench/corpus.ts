import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mulberry32 } from '@rtm-migrate/fake-slack';

export interface CorpusOptions {
  /** Number of source files (default 2,000). */
  readonly files?: number;
  /** Share of files that use rtm.start (default 0.05). */
  readonly positiveRatio?: number;
  /** Only `.ts` files (the lint bench); default: TypeScript and CommonJS JavaScript, half and half. */
  readonly typescriptOnly?: boolean;
}

export interface Corpus {
  readonly files: number;
  readonly positives: readonly string[];
  readonly negatives: number;
}

const NEGATIVE_TS = (i: number, lines: number): string => {
  const body = Array.from({ length: lines }, (_, k) => `  total += values[${k % 7}] * ${k + 1}; // step ${k}`).join('\n');
  return `import { readFile } from 'node:fs/promises';
import type { Request, Response } from './types${i % 13}.js';

export interface Item${i} {
  id: string;
  name: string;
  tags: string[];
}

/** Handler ${i}: loads items and answers with a summary. */
export async function handler${i}(req: Request, res: Response): Promise<void> {
  const raw = await readFile(req.path, 'utf8');
  const items = JSON.parse(raw) as Item${i}[];
  const byTag = new Map<string, number>();
  for (const item of items) for (const tag of item.tags) byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
  res.send({ count: items.length, tags: [...byTag.keys()].sort() });
}

export function compute${i}(values: number[]): number {
  let total = 0;
${body}
  return total;
}
`;
};

const NEGATIVE_JS = (i: number, lines: number): string => {
  const body = Array.from({ length: lines }, (_, k) => `  out.push(list[${k % 5}] + ${k});`).join('\n');
  return `'use strict';
const path = require('path');
const util = require('util');

function build${i}(list, cb) {
  const out = [];
${body}
  setImmediate(function () { cb(null, out.map(function (x) { return util.format('%s/%d', path.sep, x); })); });
}

module.exports = { build${i} };
`;
};

/** rtm.start in varied forms (member call, destructuring, then-chain, apiCall, raw HTTP, RTMClient, computed, .call), TS and CommonJS. */
const POSITIVES: readonly ((i: number) => { ext: 'ts' | 'js'; text: string })[] = [
  (i) => ({
    ext: 'ts',
    text: `import { WebClient } from '@slack/web-api';
export async function boot${i}(web: WebClient): Promise<number> {
  const res = await web.rtm.start({ no_unreads: true, batch_presence_aware: true });
  return res.users!.filter((u) => !u.deleted).length;
}
`,
  }),
  (i) => ({
    ext: 'js',
    text: `const { WebClient } = require('@slack/web-api');

const web = new WebClient(process.env.SLACK_BOT_TOKEN);

async function boot${i}() {
  const { channels, self } = await web.rtm.start();
  return { me: self.id, joined: channels.filter((c) => c.is_member).map((c) => c.name) };
}

module.exports = boot${i};
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `import { WebClient } from '@slack/web-api';
export async function who${i}(web: WebClient) {
  const { channels, self } = await web.rtm.start();
  return { me: self?.id, joined: channels?.filter((c) => c.is_member).length };
}
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `import { WebClient } from '@slack/web-api';
export function dms${i}(web: WebClient, out: Map<string, string>): void {
  web.rtm.start().then((r) => r.ims?.forEach((im) => out.set(im.user!, im.id!)));
}
`,
  }),
  (i) => ({
    ext: 'js',
    text: `var WebClient = require('@slack/web-api').WebClient;
var web = new WebClient(process.env.SLACK_BOT_TOKEN);
var dms${i} = {};

web.rtm.start().then(function (r) {
  r.ims.forEach(function (im) { dms${i}[im.user] = im.id; });
});

module.exports = dms${i};
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `import { WebClient } from '@slack/web-api';
const METHOD = 'rtm.start';
export async function raw${i}(web: WebClient) {
  const res = await web.apiCall(METHOD, { simple_latest: 1 });
  return (res as { groups?: unknown[] }).groups?.length;
}
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `export async function http${i}(token: string) {
  const res = await fetch('https://slack.com/api/rtm.start?no_latest=1', { headers: { Authorization: \`Bearer \${token}\` } });
  return res.json();
}
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `import { RTMClient } from '@slack/rtm-api';
export const rtm${i} = new RTMClient(process.env['SLACK_BOT_TOKEN']!, { useRtmConnect: false });
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `import { WebClient } from '@slack/web-api';
export async function url${i}(web: WebClient): Promise<string> {
  const res = await web.rtm['start']({ mpim_aware: true });
  return res.url!;
}
`,
  }),
  (i) => ({
    ext: 'ts',
    text: `import { WebClient } from '@slack/web-api';
export async function call${i}(web: WebClient) {
  const res = await web.rtm.start.call(web.rtm, { include_locale: true });
  for (const c of res.channels ?? []) console.log((c as { members?: string[] }).members?.length);
}
`,
  }),
];

/**
 * Writes a deterministic corpus of TypeScript and JavaScript files to `dir`: `positiveRatio` of them
 * call rtm.start in one of several forms, the rest are ordinary code of 30 to 300 lines without it.
 */
export async function writeCorpus(dir: string, options: CorpusOptions = {}): Promise<Corpus> {
  const files = options.files ?? 2000;
  const ratio = options.positiveRatio ?? 0.05;
  const random = mulberry32(20260723);
  const forms = options.typescriptOnly ? POSITIVES.filter((form) => form(0).ext === 'ts') : POSITIVES;
  const positives: string[] = [];
  let negatives = 0;
  for (let i = 0; i < files; i++) {
    const folder = join(dir, `pkg-${String(i % 40).padStart(2, '0')}`, i % 3 === 0 ? 'lib' : 'src');
    await mkdir(folder, { recursive: true });
    const positive = Math.floor((i + 1) * ratio) > Math.floor(i * ratio);
    if (positive) {
      const { ext, text } = forms[positives.length % forms.length]!(i);
      const file = join(folder, `slack-${i}.${ext}`);
      await writeFile(file, text);
      positives.push(file);
    } else {
      const lines = 30 + Math.floor(random() * 270);
      const ts = random() < 0.5 || options.typescriptOnly === true;
      await writeFile(join(folder, `mod-${i}.${ts ? 'ts' : 'js'}`), ts ? NEGATIVE_TS(i, lines) : NEGATIVE_JS(i, lines));
      negatives++;
    }
  }
  return { files, positives, negatives };
}
