/**
 * Writes the head of every `docs/rules/<rule>.md` from the rule's `meta` and `@rtm-migrate/core`'s
 * facts: title, description, configs, fixable / suggestions badges, options, messages and the facts
 * the rule reports. Everything below the end marker is written by hand and kept as it is.
 *
 *   tsx packages/eslint-plugin/scripts/rule-docs.ts          rewrite the docs
 *   tsx packages/eslint-plugin/scripts/rule-docs.ts --check  exit 1 when a doc's head is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RATE_TIERS, RTM_CONNECT_ARGS, RTM_START_FIELDS, RTM_START_ONLY_ARGS, type FieldFact } from '@rtm-migrate/core';
import type { JSONSchema4, JSONSchema4ObjectSchema } from '@typescript-eslint/utils/json-schema';

import plugin, { PLUGIN_NAMESPACE, type RuleName } from '../src/index.js';

export const DOCS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules');

export const BEGIN = '<!-- begin generated: `pnpm docs` writes this part from the rule\'s meta and @rtm-migrate/core; do not edit it -->';
export const END = '<!-- end generated: everything below is written by hand -->';

const code = (text: string): string => `\`${text}\``;
/** A Markdown table cell: pipes escaped, no line breaks. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

function configsOf(rule: RuleName): string[] {
  return Object.entries(plugin.configs)
    .filter(([, config]) => config.rules?.[`${PLUGIN_NAMESPACE}/${rule}`] !== undefined)
    .map(([name]) => name);
}

function optionsSection(schema: JSONSchema4 | readonly JSONSchema4[] | undefined): string {
  const items = Array.isArray(schema) ? (schema as readonly JSONSchema4[]) : schema ? [schema as JSONSchema4] : [];
  if (items.length === 0) return 'This rule takes no options.';
  const objects = items.filter((item): item is JSONSchema4ObjectSchema => item.type === 'object');
  const rows = objects.flatMap((item) =>
    Object.entries(item.properties ?? {}).map(([name, property]) => [
      code(name),
      code(String(property.type ?? 'object')),
      property.default === undefined ? '' : code(JSON.stringify(property.default)),
      property.description ?? '',
    ]),
  );
  return table(['option', 'type', 'default', 'description'], rows);
}

function tiered(fact: FieldFact): [string, string, string] {
  const first = fact.replacements[0];
  if (!first) return ['none: ' + fact.advice, '', ''];
  const methods = [...new Set(fact.replacements.map((r) => code(r.method)))].join(', ');
  return [methods, first.scopes.map(code).join(', '), RATE_TIERS[first.tier].description];
}

/** The facts a rule reports, straight from core's tables. */
function factsSection(rule: RuleName): string | undefined {
  if (rule === 'no-unsupported-rtm-args') {
    return [
      `\`rtm.connect\` accepts ${['token', ...RTM_CONNECT_ARGS].map(code).join(', ')}. The arguments only \`rtm.start\` took:`,
      '',
      table(
        ['argument', 'on `rtm.start` it', 'instead'],
        Object.entries(RTM_START_ONLY_ARGS).map(([name, fact]) => [code(name), fact.did, fact.instead]),
      ),
    ].join('\n');
  }
  if (rule === 'no-rtm-start-only-fields') {
    const startOnly = Object.values(RTM_START_FIELDS).filter((f) => !f.onRtmConnect);
    const onConnect = Object.values(RTM_START_FIELDS).filter((f) => f.onRtmConnect);
    return [
      `Read without a report (\`rtm.connect\` returns them too): ${onConnect.map((f) => code(f.path)).join(', ')}.`,
      '',
      'Reported, with where the data comes from now:',
      '',
      table(['field', 'replacement', 'scope', 'rate tier'], startOnly.map((f) => [code(f.path), ...tiered(f)])),
    ].join('\n');
  }
  return undefined;
}

/** The generated head of one rule's doc. */
export function ruleDocHead(rule: RuleName): string {
  const { meta } = plugin.rules[rule];
  const configs = configsOf(rule);
  const badges = [
    configs.length > 0 ? `✅ In ${configs.map((c) => code(`configs['${c}']`)).join(' and ')}` : '',
    meta.fixable ? '🔧 Fixable with `--fix`' : '',
    meta.hasSuggestions ? '💡 Has suggestions' : '',
    '🔍 Works without type information; sharper with it',
  ].filter(Boolean);
  const facts = factsSection(rule);
  return [
    BEGIN,
    `# ${code(`${PLUGIN_NAMESPACE}/${rule}`)}`,
    '',
    `${meta.docs?.description ?? ''}.`,
    '',
    badges.join(' · '),
    '',
    '## Options',
    '',
    optionsSection(meta.schema),
    '',
    '## Messages',
    '',
    rule === 'no-unsupported-rtm-args'
      ? 'One message per argument, its id the argument’s name, built from the table below.'
      : table(
          ['id', 'text'],
          Object.entries(meta.messages).map(([id, text]) => [code(id), text]),
        ),
    ...(facts ? ['', '## Facts (from `@rtm-migrate/core`)', '', facts] : []),
    END,
  ].join('\n');
}

/** `doc` with its generated head replaced (or added on top when it has none). */
export function withHead(rule: RuleName, doc: string): string {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const body = begin === -1 || end === -1 ? `\n\n${doc}` : doc.slice(end + END.length);
  return ruleDocHead(rule) + body;
}

export const RULE_NAMES = Object.keys(plugin.rules) as RuleName[];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const rule of RULE_NAMES) {
    const file = join(DOCS_DIR, `${rule}.md`);
    const doc = readFileSync(file, 'utf8');
    const next = withHead(rule, doc);
    if (next === doc) continue;
    stale++;
    if (check) console.error(`${file}: the generated part is stale (run \`pnpm docs\`)`);
    else writeFileSync(file, next);
  }
  if (check && stale > 0) process.exit(1);
}
