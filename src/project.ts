/**
 * What applies to a filing: the command line first, then the nearest cluster.config.yaml (walking up
 * from the filing's folder), then the built-in defaults.
 */
import { statSync } from 'node:fs';
import type { CommonOptions } from './cli.js';
import { configFor, findConfig } from './config/find.js';
import type { ClusterConfig } from './config/parse.js';
import { DEFAULT_PROFILE, loadProfile, type Profile } from './profile.js';

export interface FilingSettings {
  profile: Profile;
  config: ClusterConfig | null;
}

/** Whether the user gave this option on the command line (or through its environment variable). */
export function given(opts: CommonOptions, name: string): boolean {
  return !!opts.explicit?.includes(name);
}

export function settingsFor(file: string | undefined, opts: CommonOptions): FilingSettings {
  const isDir = file !== undefined && file !== '-' && (statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false);
  const config = file === undefined || file === '-' ? findConfig(process.cwd()) : isDir ? findConfig(file) : configFor(file);
  const id = given(opts, 'profile') ? opts.profile : (config?.profile ?? opts.profile ?? DEFAULT_PROFILE);
  return { profile: loadProfile(id), config };
}

/** The profile for commands that read one filing (metrics, render, pack, template --from…). */
export function profileFor(file: string | undefined, opts: CommonOptions): Profile {
  return settingsFor(file, opts).profile;
}
