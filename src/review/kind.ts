import { filingKindOf } from '../catalogue/index.js';
import { InputError } from '../errors.js';
import { DEFAULT_PROFILE, isBuiltinProfile, loadProfile, type Profile } from '../profile.js';

/**
 * The profile a filing is judged under. A review filing (it carries 认定情况) under the default
 * application profile takes the built-in review profile of its batch (batch 2024 → review-2027);
 * any other mismatch of filing and profile is refused with the profile to use.
 */
export function profileForFiling(data: Record<string, unknown>, profile: Profile, file?: string): Profile {
  const kind = filingKindOf(data);
  if (kind === profile.kind) return profile;
  if (kind === 'review') {
    const batch = (data.certification as Record<string, unknown> | null)?.batch;
    const id = Number.isInteger(batch) ? `review-${(batch as number) + 3}` : undefined;
    const builtIn = id !== undefined && isBuiltinProfile(id);
    if (profile.id === DEFAULT_PROFILE && builtIn) return loadProfile(id);
    throw new InputError(
      {
        zh: `这是复核申报文件（含"认定情况"），而配置 ${profile.id} 是申报轮次：请用 --profile ${builtIn ? id : 'review-2027（或 review-2025、review-2026）'}`,
        en: `this is a review filing (it has a certification section), but ${profile.id} is an application round: use --profile ${builtIn ? id : 'review-2027 (or review-2025, review-2026)'}`,
      },
      file ?? '',
    );
  }
  throw new InputError(
    {
      zh: `配置 ${profile.id} 是复核轮次，而这是申报文件（没有"认定情况"）：复核文件可用 cluster init --review <申报文件> 生成`,
      en: `${profile.id} is a review round, but this is an application filing (no certification section): make a review filing with cluster init --review <application>`,
    },
    file ?? '',
  );
}
