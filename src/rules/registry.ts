import type { Rule, RuleMeta } from './types.js';
import { SCHEMA_RULES, SUPPRESSION_RULES } from './schema-meta.js';
import { PACK_RULES } from '../pack/rules.js';
import vetoProhibitedIndustry from './veto/prohibited-industry.js';
import vetoMajorIncident from './veto/major-incident.js';
import vetoMisconduct from './veto/misconduct.js';
import vetoEnergyEfficiency from './veto/energy-efficiency.js';
import vetoWaterEfficiency from './veto/water-efficiency.js';
import eligibilityProvincialFirst from './eligibility/provincial-first.js';
import competitivenessArea from './competitiveness/area.js';
import competitivenessOutputMin from './competitiveness/output-min.js';
import competitivenessSmeOutputShare from './competitiveness/sme-output-share.js';
import competitivenessLeadingIndustryShare from './competitiveness/leading-industry-share.js';
import competitivenessOutputGrowth from './competitiveness/output-growth.js';
import competitivenessLeadingIndustryGrowth from './competitiveness/leading-industry-growth.js';
import formGrowthBasis from './form/growth-basis.js';
import consistencyGrowthBasis from './consistency/growth-basis.js';
import cultivationQualitySmes from './cultivation/quality-smes.js';
import supplyChainSharing from './supply-chain/sharing.js';
import supplyChainCoordination from './supply-chain/coordination.js';
import innovationRdGrowth from './innovation/rd-growth.js';
import innovationPatentGrowth from './innovation/patent-growth.js';
import innovationPatentsPer10k from './innovation/patents-per-10k.js';
import innovationStandards from './innovation/standards.js';
import innovationPlatforms from './innovation/platforms.js';
import digitalIndustrialInternet from './digital/industrial-internet.js';
import digitalSoftwareRising from './digital/software-rising.js';
import digitalSoftwareSpend from './digital/software-spend.js';
import digitalServices from './digital/services.js';
import greenCo2IntensityFalling from './green/co2-intensity-falling.js';
import greenLowCarbonWork from './green/low-carbon-work.js';
import opennessInternational from './openness/international.js';
import governanceOperator from './governance/operator.js';
import governanceOperatorType from './governance/operator-type.js';
import governancePublicServices from './governance/public-services.js';
import governancePlanComplete from './governance/plan-complete.js';
import planBaselineMatch from './plan/baseline-match.js';
import planOutputGrowth from './plan/output-growth.js';
import planQualitySmesRising from './plan/quality-smes-rising.js';
import planRdGrowth from './plan/rd-growth.js';
import planPatentGrowth from './plan/patent-growth.js';
import planIndustrialInternet from './plan/industrial-internet.js';
import planCo2Reduction from './plan/co2-reduction.js';
import planEnergyIntensityReduction from './plan/energy-intensity-reduction.js';
import formRequired from './form/required.js';
import formDecimals from './form/decimals.js';
import formTextLength from './form/text-length.js';
import formEvidence from './form/evidence.js';
import formEvidenceFile from './form/evidence-file.js';
import formEvidenceName from './form/evidence-name.js';
import formListCount from './form/list-count.js';
import formNameFormat from './form/name-format.js';
import formPercentRange from './form/percent-range.js';
import formPhone from './form/phone.js';
import formYears from './form/years.js';
import formDeadline from './form/deadline.js';
import formLate from './form/late.js';
import formDate from './form/date.js';
import consistencyCounts from './consistency/counts.js';
import consistencyStatedVsComputed from './consistency/stated-vs-computed.js';
import renderFontCoverage from './render/font-coverage.js';
import reviewCertification from './review/certification.js';
import reviewTargetMissed from './review/target-missed.js';
import reviewStageMissed from './review/stage-missed.js';
import reviewDirection from './review/direction.js';
import reviewActualVsData from './review/actual-vs-data.js';

/** Every catalogue rule, in the order of ../shared/spec/rules.md. */
export const RULES: Rule[] = [
  vetoProhibitedIndustry,
  vetoMajorIncident,
  vetoMisconduct,
  vetoEnergyEfficiency,
  vetoWaterEfficiency,
  eligibilityProvincialFirst,
  competitivenessArea,
  competitivenessOutputMin,
  competitivenessSmeOutputShare,
  competitivenessLeadingIndustryShare,
  competitivenessOutputGrowth,
  competitivenessLeadingIndustryGrowth,
  formGrowthBasis,
  consistencyGrowthBasis,
  cultivationQualitySmes,
  supplyChainSharing,
  supplyChainCoordination,
  innovationRdGrowth,
  innovationPatentGrowth,
  innovationPatentsPer10k,
  innovationStandards,
  innovationPlatforms,
  digitalIndustrialInternet,
  digitalSoftwareRising,
  digitalSoftwareSpend,
  digitalServices,
  greenCo2IntensityFalling,
  greenLowCarbonWork,
  opennessInternational,
  governanceOperator,
  governanceOperatorType,
  governancePublicServices,
  governancePlanComplete,
  planBaselineMatch,
  planOutputGrowth,
  planQualitySmesRising,
  planRdGrowth,
  planPatentGrowth,
  planIndustrialInternet,
  planCo2Reduction,
  planEnergyIntensityReduction,
  formRequired,
  formDecimals,
  formTextLength,
  formEvidence,
  formEvidenceFile,
  formEvidenceName,
  formListCount,
  formNameFormat,
  formPercentRange,
  formPhone,
  formYears,
  formDeadline,
  formLate,
  formDate,
  consistencyCounts,
  consistencyStatedVsComputed,
  renderFontCoverage,
  reviewCertification,
  reviewTargetMissed,
  reviewStageMissed,
  reviewDirection,
  reviewActualVsData,
];

let metaIndex: Map<string, RuleMeta> | undefined;

export function allMeta(): RuleMeta[] {
  return [...SCHEMA_RULES, ...RULES.map((r) => r.meta), ...SUPPRESSION_RULES, ...(PACK_RULES as readonly RuleMeta[])];
}

export function metaById(id: string): RuleMeta | undefined {
  if (!metaIndex) metaIndex = new Map(allMeta().map((m) => [m.id, m]));
  return metaIndex.get(id);
}
