import './setup.js';

import { join } from 'node:path';

import { RuleTester } from '@typescript-eslint/rule-tester';
import noRtmStart from '../src/rules/no-rtm-start.js';
import noRtmStartOnlyFields, { startOnlyFieldData } from '../src/rules/no-rtm-start-only-fields.js';
import noUnsupportedRtmArgs from '../src/rules/no-unsupported-rtm-args.js';
import { LEGACY_BOT_DIR } from './helpers.js';

/** Cases are files of fixtures/legacy-bot (its tsconfig and its @slack/web-api 7), given as text. */
const filename = join(LEGACY_BOT_DIR, '__typed_case__.ts');
const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: LEGACY_BOT_DIR } },
});
const header = "import { WebClient, type RtmStartResponse } from '@slack/web-api';\ndeclare const web: WebClient;\n";

ruleTester.run('no-rtm-start (types)', noRtmStart, {
  valid: [
    { filename, code: 'class Vendor { rtm = { start: () => 1 } }\nconst http = new Vendor();\nhttp.rtm.start();\nexport {};' },
    { filename, code: 'declare const http: { rtm: { start(): Promise<void> } };\nhttp.rtm.start();\nexport {};' },
  ],
  invalid: [
    { filename, code: `${header}web.rtm.start();`, output: `${header}web.rtm.connect();`, errors: [{ messageId: 'rtmStartFixable', line: 3 }] },
    { filename, code: 'declare const x: any;\nx.rtm.start();\nexport {};', output: 'declare const x: any;\nx.rtm.connect();\nexport {};', errors: [{ messageId: 'rtmStartFixable' }] },
    {
      filename,
      code: 'class MyClient extends WebClient {}\ndeclare const c: MyClient;\nc.rtm.start();\nimport { WebClient } from "@slack/web-api";',
      output: 'class MyClient extends WebClient {}\ndeclare const c: MyClient;\nc.rtm.connect();\nimport { WebClient } from "@slack/web-api";',
      errors: [{ messageId: 'rtmStartFixable' }],
    },
  ],
});

ruleTester.run('no-unsupported-rtm-args (types)', noUnsupportedRtmArgs, {
  valid: [{ filename, code: `${header}declare const extra: { mpim_aware?: boolean };\nweb.rtm.start({ ...extra });` }],
  invalid: [
    {
      filename,
      code: `${header}const defaults = { no_unreads: true, batch_presence_aware: true };\nweb.rtm.start({ ...defaults });`,
      errors: [{ messageId: 'no_unreads', line: 4 }],
    },
  ],
});

ruleTester.run('no-rtm-start-only-fields (types)', noRtmStartOnlyFields, {
  valid: [{ filename, code: `${header}export function f(res: { channels: string[] }) { return res.channels; }` }],
  invalid: [
    {
      filename,
      code: `${header}export function f(res: RtmStartResponse) { return res.channels!.length + res.url!.length; }`,
      errors: [{ messageId: 'startOnlyField', data: startOnlyFieldData('channels'), line: 3 }],
    },
    {
      filename,
      code: `${header}export function g({ users, self }: RtmStartResponse) { return [users, self]; }`,
      errors: [{ messageId: 'startOnlyField', data: startOnlyFieldData('users'), line: 3 }],
    },
  ],
});

