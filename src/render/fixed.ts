/**
 * The fixed texts of the notice's forms that are not field labels (those live in the catalogue):
 * titles, 填报说明, notes, the plan's chapter headings and 备注, the declaration and 附件3 认定标准.
 * Reproduced from ../../../shared/seeds/000_65c529400733975c.txt; years and thresholds come from the
 * profile so that another round prints its own (for national-2024 the text is the seed's, verbatim).
 */
import { fmtNum } from '../i18n.js';
import type { Profile } from '../profile.js';
import { baseYear } from '../profile.js';

export const FORM2_TITLE = '中小企业特色产业集群申报表';
/** The 申报表's file name under national-2024 (Hubei's numbering); see form2File for any profile. */
export const FORM2_FILE = '附件2 中小企业特色产业集群申报表.pdf';

/** "附件2" under Hubei's notice (the seed); the national notices number the 申报表 附件1 (profile `annexes`). */
export function annexLabel(profile: Profile, which: 'form' | 'summary' | 'standard'): string {
  return `附件${profile.annexes[which]}`;
}

export function form2File(profile: Profile): string {
  return `${annexLabel(profile, 'form')} ${FORM2_TITLE}.pdf`;
}
export const MINISTRY = '工业和信息化部 制';

/** 附件1 title: "2024年度中小企业特色产业集群推荐汇总表" (the round = base year + 1). */
export function form1Title(profile: Profile): string {
  return `${roundYear(profile)}年度中小企业特色产业集群推荐汇总表`;
}

export function form1File(profile: Profile): string {
  return `${annexLabel(profile, 'summary')} ${form1Title(profile)}.pdf`;
}

export const REPORT_FILE = '自评报告.pdf';

/** A review filing's data for the review years in 附件2's layout: the tool's own, not the official 复核申报表. */
export const REVIEW_FORM_TITLE = '中小企业特色产业集群复核年度数据表';
export const REVIEW_FORM_SUBTITLE = '（按《中小企业特色产业集群申报表》格式填报复核年度数据；本工具自评用，不是官方的复核申报表）';
export const REVIEW_FORM_FILE = '复核年度数据表（附件2格式）.pdf';

/** The year of the round: data years 2021–2023 → the 2024 round. */
export function roundYear(profile: Profile): number {
  return baseYear(profile) + 1;
}

/** 附件1 header lines and columns. */
export const FORM1_HEADER_LINES = ['市州经信部门：（盖章）', '联系人和手机：'] as const;
export const FORM1_COLUMNS = ['序号', '集群名称', '集群运营管理机构', '所在省、市、县（区）', '主导产业', '集群成立时间', '集群简介（300字以内）'] as const;

/** The guide printed in the 集群简介 column of the seed's table. */
export function form1IntroGuide(profile: Profile): string {
  return `（集群主导产业链条描述，行业地位，荣誉称号等。${baseYear(profile)}年，集群总产值，中小企业数量，专精特新中小企业数量，专精特新“小巨人”企业数量，制造业单项冠军数量。近三年集群中小企业主持制定国家标准和行业标准数量，中小企业有效发明专利数量，万人发明专利拥有量等。）`;
}

/** 附件2 填报说明, 11 rules. */
export function instructions(profile: Profile): string[] {
  return [
    '集群应如实填报所附各表。要求文字简洁，数据准确、详实，并提供必要的清单及佐证材料。填报数据将依权限对相关部门和单位开放共享，仅供审核验证和查阅用。',
    '各必填栏目不得空缺，无相关情况时应填写“无”；数据有小数时，保留小数点后2位。',
    '集群运营管理机构是指对产业集群集中运营管理的产业园区管委会、园区运营企业或公共服务机构等法人主体，基础建设单位不可作为集群运营管理机构。',
    '佐证材料包括主管部门、第三方机构出具的证明或申报主体自我声明。',
    '财务数据应以企业该年度会计报表期末数为准，单位采用人民币。其中，外商直接投资额、产品出口贸易额按照国民经济和社会发展统计公报中该年度的汇率进行换算。',
    `未注明填报年度的，请填写截止到${baseYear(profile)}年底的数据。`,
    '主导产品按获得的产品收入占比或重要程度从高到低填写。',
    '集群内中小企业从业人员数是指集群内所有中小企业从业人员期末数之和。从业人员期末人数，为上年度末在企业工作，并取得工资或其他形式劳动报酬的人员数，是在岗职工、劳务派遣人员及其他从业人员之和。从业人员以上年度末数据为定量依据。',
    '企业研发费用是指企业研发活动中发生的相关费用，具体按照财政部、国家税务总局、科技部《关于完善研究开发费用税前加计扣除政策的通知》（财税[2015]119号）有关规定进行归集。',
    '未来三年中小企业特色产业集群发展规划中的发展目标依据《促进中小企业特色产业集群发展暂行办法》编制，要可考核，突出培育重点，分阶段合理制定年度目标。',
    '为确保文件信息的正确采集，填表时不得改变表格样式，其中一至七部分不得串页。',
  ];
}

export const INSTRUCTIONS_TITLE = '填报说明';

/** Row labels of the form that are not catalogue labels. */
export const YEAR_HEADER = '年度';
export const STANDARD_CATEGORY = '类别';
export const PUBLIC_SERVICES_ROW = '集群提供中小企业公共服务情况';
export const PUBLIC_SERVICES_LEAD = '集群已提供的中小企业公共服务:';
export const NEW_MODELS_WORK_SUFFIX = '：';

/** 表八. */
export const PLAN_LIMIT = '(3000字以内)';
export const PLAN_OVERVIEW_GUIDE =
  '包括集群主导产业在细分领域所处发展水平，行业地位，获得荣誉称号，以及相关政策制定与实施情况、优质市场主体培育、产业链供应链建设等方面近三年来发展情况。';
export const PLAN_ACHIEVEMENTS_GUIDE =
  '包括提升集群主导产业优势、激发集群创新活力、推进集群数字化升级、加快集群绿色低碳转型、深化集群开放合作、提升集群治理和服务能力等方面开展的工作和取得的成绩。';
export const PLAN_CHAPTER_4 = '四、未来三年中小企业特色产业集群发展规划';
export const PLAN_GOALS = '(二) 发展目标';
export const PLAN_TARGETS_NOTE =
  '(集群须围绕主导产业、创新、数字化、绿色化、开放合作、治理和服务等方面设定清晰、可考核的发展目标，鼓励集群根据自身特色增加考核指标，不局限于以上方面)';
export const TARGET_COLUMNS = (profile: Profile): string[] => ['方向', '指标', `${baseYear(profile)}年基准值`, `${profile.targetYear}年目标值`];
export const TARGET_DIRECTIONS = ['主导产业', '创新', '数字化', '绿色化', '开放合作', '治理和服务', '其它'] as const;

/** 表八 备注 a–g, with the profile's bounds (the seed's figures for national-2024). */
export function planRemarks(profile: Profile): { head: string; items: string[]; tail: string } {
  const t = profile.thresholds;
  const v = (k: keyof Profile['thresholds']) => fmtNum((t[k]!.min ?? t[k]!.max)!, 2);
  // A criterion the profile switches off is not printed as a requirement.
  const on = (k: keyof Profile['thresholds'] | null, text: () => string): string[] => (k === null || t[k] ? [text()] : []);
  return {
    head: `(备注：基准值须符合中小企业特色产业集群认定标准，${profile.targetYear}年目标值须符合以下要求：`,
    items: [
      ...on('planOutputCagr', () => `a. 近三年产值年均增速不低于${v('planOutputCagr')}%`),
      'b. 优质中小企业数量逐年增加',
      ...on('planRdCagr', () => `c. 研发经费年均增速不低于${v('planRdCagr')}%`),
      ...on('planPatentCagr', () => `d. 有效发明专利数年均增长不低于${v('planPatentCagr')}%`),
      ...on('planIndustrialInternetRate', () => `e. 工业互联网普及率达到${v('planIndustrialInternetRate')}%左右`),
      ...on('planCo2Reduction', () => `f. 二氧化碳排放量降低达到${v('planCo2Reduction')}%左右`),
      ...on('planEnergyIntensityReduction', () => `g. 集群单位工业产值能耗下降达到${v('planEnergyIntensityReduction')}%左右`),
    ],
    tail: ')',
  };
}

/** 阶段性目标: "(1) 2024年度". */
export function stageLabel(i: number, year: number): string {
  return `(${i + 1}) ${year}年度`;
}

/** 表九. */
export const DECLARATION_ROW = '真实性声明';
export const DECLARATION_SIGN = '县级行政区划中小企业主管部门负责人（签字）：';
export const DECLARATION_STAMP = '县级行政区划中小企业主管部门（公章）：';
export const RECOMMENDATION_ROW = '省级中小企业主管部门推荐意见';
export const RECOMMENDATION_STAMP = '推荐单位（公章）：';
export const BLANK_DATE = '年\u3000\u3000月\u3000\u3000日';

/** 附件3 中小企业特色产业集群认定标准（2022年版）. */
export const STANDARD_TITLE = '中小企业特色产业集群认定标准';
export const STANDARD_EDITION = '(2022年版)';
export const STANDARD_PREAMBLE =
  '中小企业特色产业集群（以下简称集群）认定须满足以下八方面指标。同时，集群企业近三年未发生较大及以上安全、质量和环境污染等事故，重大及以上网络安全事件和数据安全事件，以及偷税漏税、违法违规、严重失信和其它重大问题的行为。';

export interface StandardClause {
  no: string;
  title: string;
  text: string;
}

export const STANDARD_CLAUSES: readonly StandardClause[] = [
  {
    no: '一',
    title: '具有较强核心竞争力',
    text: '集群主导产业为所在县域的支柱或特色产业，符合国家产业政策和行业发展规划要求，发展水平位居细分领域全国前列，有较高的集群品牌知名度；占地面积一般不超过100平方公里，近三年产值均在40亿元以上，中小企业产值占集群总产值70%以上，主导产业占集群总产值比例高于70%，产值年均增速高于10%。',
  },
  {
    no: '二',
    title: '优质中小企业梯度培育成效显著',
    text: '集群持续开展优质中小企业梯度培育工作，拥有不少于1家主导产业的制造业单项冠军企业或专精特新“小巨人”企业，或者不少于10家专精特新中小企业、创新型中小企业和国家级高新技术企业。',
  },
  {
    no: '三',
    title: '产业链供应链协作高效',
    text: '集群产业链布局合理，产业链上下游企业产供销一体化协同协作机制较完善，建立了通用生产设备、物流、仓储、人力、设计等共享机制，产业链关键环节配套能力较强。',
  },
  {
    no: '四',
    title: '具有较强协同创新能力',
    text: '集群重视研发持续投入，近三年中小企业研发经费年均增长高于10%；统筹建立了多元创新平台，与大型企业、高校和科研院所创新合作紧密，大中小企业融通创新和产学研协同创新机制完善；积极参加主导产业的标准制修订工作；突破了一批主导产业的关键核心技术，有效发明专利年均增长率不低于15%，每万人有效发明专利拥有量不低于15个。',
  },
  {
    no: '五',
    title: '数字化转型效果明显',
    text: '集群新型信息基础设施建设水平较高，数字化装备和系统应用广泛，引入跨企业数字化解决方案、评估和诊断等服务；“云上平台”成效显著，工业互联网平台应用普及率不低于15%，工业软件应用率稳步提升，实现集群企业重要生产数据联通；开展主导产业数字化新模式新业态探索，建立健全工业互联网安全保障体系。',
  },
  {
    no: '六',
    title: '具有较高绿色化发展水平',
    text: '集群能源消费结构合理，二氧化碳排放量强度持续下降，资源利用效率较高，污染物排放治理有效，建立了绿色低碳服务机制；属于高耗能行业的集群，能效水平高于行业基准值；属于高用水行业的集群，水效水平高于行业基准值。',
  },
  {
    no: '七',
    title: '积极参与产业开放合作',
    text: '集群参与主导产业国际合作机制或交流活动，开展技术、管理、人才或资本等方面交流合作，通过设置海外分支机构等方式，推动产品和服务对外贸易快速发展。',
  },
  {
    no: '八',
    title: '具有较强治理和服务能力',
    text: '集群设立管委会等运营管理机构，建立了完善的中小企业公共服务体系和专业化的集群发展促进机制；促进中小企业发展政策宣贯实现集群全覆盖，确保惠企政策受益主体不漏户、不漏人地清晰了解和应享尽享；依照本办法第二章第六条，制定未来三年发展规划，发展目标要清晰、可考核，工作措施要完整、针对性强、切实可行。',
  },
];
