import type { Profile } from '../profile.js';
import type { FilingView } from '../validate/view.js';
import type { Metrics } from './types.js';

export function computeMetrics(_view: FilingView, _profile: Profile): Metrics {
  return {};
}
