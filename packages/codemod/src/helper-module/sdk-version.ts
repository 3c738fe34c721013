import { dirname } from 'node:path';
// The subpaths, not the package's index: the CLI loads this on every run, and the index loads the whole analysis (and ESLint).
import { nearestManifest, packageName } from '@rtm-migrate/analysis/modules';
import { packageVersion, type PackageVersion } from '@rtm-migrate/analysis/package-version';
import semver from 'semver';

/**
 * Where the version of a module a file runs with comes from, most certain first: the module's own
 * package (the file is one of its own), else analysis's PackageVersion (installed, locked, declared).
 */
export type SdkVersion = { readonly from: 'own'; readonly version: string } | PackageVersion;

/** The version of `module` the file runs with, and how that is known (see SdkVersion). Undefined when nothing says. */
export function sdkVersionOf(file: string, module: string): SdkVersion | undefined {
  // The SDK's own files (its examples, its dist) run with the SDK they ship in.
  // A fork published under a name of its own too (packageName).
  const own = nearestManifest(dirname(file));
  if (own && packageName(own) === module && typeof own.manifest.version === 'string') return { from: 'own', version: own.manifest.version };
  return packageVersion(file, module);
}

/**
 * The version of `module` the file runs with as one version: the installed or locked one, else the
 * lowest the declared range allows (`^2.3.0` → `2.3.0`). Undefined when nothing says (no install, no
 * manifest, a range such as `*` or a git URL).
 */
export function sdkVersion(file: string, module: string): string | undefined {
  const found = sdkVersionOf(file, module);
  if (found === undefined) return undefined;
  if (found.from !== 'declared') return found.version;
  return lowestAllowed(found.range);
}

/** The lowest version a range allows, undefined for `*`, URLs, tags and other ranges without a floor. */
function lowestAllowed(range: string): string | undefined {
  if (!semver.validRange(range)) return undefined;
  const least = semver.minVersion(range);
  return least === null || least.version === '0.0.0' ? undefined : least.version;
}

/**
 * A declared caret or tilde range (`^3.8.1`, `~3`) that allows versions before `since` and, within its
 * major, versions from `since` on (npm installs the newest a range allows): the range that keeps
 * those only (`^3.10.0`), so that no install can put an older version under the rewritten code.
 * Undefined for a range that does not reach `since` (`~3.8.1`), already starts there, spans majors,
 * or is written any other way (its meaning is the author's: left to them).
 */
export function raisedRange(range: string, since: readonly [number, number, number]): string | undefined {
  const floor = since.join('.');
  if (!/^\s*[\^~]\s*\d+(\.(\d+|x|\*)){0,2}\s*$/.test(range) || !semver.validRange(range)) return undefined;
  const least = semver.minVersion(range);
  if (least === null || semver.gte(least, floor) || least.major !== since[0]) return undefined;
  if (!semver.subset(range, `<${since[0] + 1}.0.0`) || !semver.intersects(range, `>=${floor}`)) return undefined;
  return `^${floor}`;
}
