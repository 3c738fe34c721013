/**
 * package.json `text` with the range of `module` changed from `from` to `to` in its dependency
 * sections, and nothing else touched (indentation, key order, line endings, a final newline stay as
 * they were). Undefined when the edit is not certain: the text does not parse, or the module is
 * declared with a range other than `from` in one of the sections (the sections would then disagree
 * after the edit, whichever one an install follows).
 */
export function raiseDeclaredRange(text: string, module: string, from: string, to: string): string | undefined {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const sections = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
  const declared = sections.map((s) => (manifest[s] as Record<string, unknown> | undefined)?.[module]).filter((r) => r !== undefined);
  if (declared.length === 0 || declared.some((r) => r !== from)) return undefined;
  // `"@slack/client": "^3.8.1"`, as JSON writes the key and the range (no escapes in either).
  const entry = new RegExp(`("${escapeRegExp(module)}"\\s*:\\s*")${escapeRegExp(from)}(")`, 'g');
  const edited = text.replace(entry, `$1${to}$2`);
  // Each declaration edited once, and only those: the text parses to the same object but for them.
  let after: Record<string, unknown>;
  try {
    after = JSON.parse(edited.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  for (const s of sections) {
    const deps = manifest[s] as Record<string, unknown> | undefined;
    if (deps?.[module] !== undefined) deps[module] = to;
  }
  return JSON.stringify(after) === JSON.stringify(manifest) && edited !== text ? edited : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
