import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages', 'codemod', 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'fixtures');

interface Report {
  readonly sites: readonly { readonly id: string; readonly form: string; readonly rewrite: string }[];
}

/** The pattern inputs (one form each), the bundled bots, published packages as they ship, and the multi-file project inputs. */
async function corpora(): Promise<{ name: string; copy: (to: string) => Promise<void> }[]> {
  const patterns = (await readdir(join(FIXTURES, 'patterns'))).filter((f) => f.includes('.input.'));
  const tree = (dir: string) => (to: string) => cp(join(FIXTURES, dir), to, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return [
    { name: 'patterns', copy: async (to) => { for (const f of patterns) await cp(join(FIXTURES, 'patterns', f), join(to, f)); } },
    { name: 'bundled bots', copy: async (to) => { for (const dir of ['bots', 'legacy-bot', 'v3-bot', 'echo-bot']) await tree(dir)(join(to, dir)); } },
    { name: 'real-world packages', copy: tree('real-world') },
    {
      name: 'multi-file projects',
      copy: async (to) => {
        for (const project of await readdir(join(FIXTURES, 'projects'), { withFileTypes: true })) {
          if (project.isDirectory()) await tree(join('projects', project.name, 'input'))(join(to, project.name));
        }
      },
    },
  ];
}

const fileOf = (id: string): string => id.replace(/:\d+:\d+$/, '');

/**
 * How much of each corpus the codemod migrates in one run: files with a site, files left with no TODO,
 * and the TODO sites by form. The baseline is the number of positive files: every one of them is a
 * file a user would otherwise migrate by hand.
 */
export async function runCoverageBench(): Promise<void> {
  console.log('corpus                 positive files  fully migrated   TODO sites  TODO by form');
  for (const corpus of await corpora()) {
    const dir = await mkdtemp(join(tmpdir(), 'rtm-migrate-coverage-'));
    try {
      await corpus.copy(dir);
      const run = spawnSync(process.execPath, [CLI, 'apply', '.', '--dry', '--allow-dirty', '--report', 'json'], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (run.status !== 0) throw new Error(`rtm-migrate exited ${String(run.status)}: ${run.stderr.slice(0, 400)}`);
      const report = JSON.parse(run.stdout) as Report;
      const positive = new Set(report.sites.map((s) => fileOf(s.id)));
      const todo = report.sites.filter((s) => s.rewrite === 'todo');
      const withTodo = new Set(todo.map((s) => fileOf(s.id)));
      const byForm = new Map<string, number>();
      for (const s of todo) byForm.set(s.form, (byForm.get(s.form) ?? 0) + 1);
      const migrated = positive.size - withTodo.size;
      const share = positive.size === 0 ? 'n/a' : `${((100 * migrated) / positive.size).toFixed(0)}%`;
      const forms = [...byForm].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${String(n)}`).join(', ');
      console.log(
        `${corpus.name.padEnd(22)} ${String(positive.size).padStart(14)}  ${`${String(migrated)} (${share})`.padStart(14)}  ${String(todo.length).padStart(11)}  ${forms || '-'}`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
