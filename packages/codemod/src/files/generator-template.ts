import { dirname, relative, sep } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis/modules';

/** The generator framework whose templates are copied file by file into the projects it makes. */
const GENERATOR_PACKAGE = 'yeoman-generator';

/**
 * Why a file of a Yeoman generator's templates (`generators/app/templates/_lib/_bot.js` in a package that
 * depends on `yeoman-generator`) is not rewritten: the generator copies each template by name into the
 * projects it makes, and never a generated module beside it (blind s141/05: every project it made failed
 * with `Cannot find module './rtm-start-data'`). Undefined for any other file.
 */
export function generatorTemplateReason(cwd: string, file: string): string | undefined {
  const owner = nearestManifest(dirname(file));
  if (!owner) return undefined;
  const { dependencies = {}, devDependencies = {}, peerDependencies = {} } = owner.manifest;
  if (!(GENERATOR_PACKAGE in dependencies || GENERATOR_PACKAGE in devDependencies || GENERATOR_PACKAGE in peerDependencies)) return undefined;
  if (!relative(owner.dir, file).split(sep).includes('templates')) return undefined;
  return `a template of the Yeoman generator ${owner.manifest.name ?? (relative(cwd, owner.dir) || '.')}: the generator copies it by name into each project it makes, and would not copy a module rtm-migrate generates beside it`;
}
