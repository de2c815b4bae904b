/**
 * 附件2《中小企业特色产业集群申报表》 and the cluster's row of 附件1, field by field, in the
 * seed's row order, with the seed's exact labels. See ../../../shared/seeds/ (the notice).
 */
import type { FieldNode, GroupNode, ArrayNode, Node, SectionNode, FieldType } from './types.js';

type FieldOpts = Omit<FieldNode, 'kind' | 'key' | 'label' | 'en' | 'type'>;

export function f(key: string, label: string, en: string, type: FieldType, opts: FieldOpts = {}): FieldNode {
  return { kind: 'field', key, label, en, type, ...opts };
}

const YES_NO = ['是', '否'] as const;
const YES_NO_EN = ['yes', 'no'] as const;

function yesNo(key: string, label: string, en: string, opts: FieldOpts = {}): FieldNode {
  return f(key, label, en, 'choice', { options: YES_NO, optionsEn: YES_NO_EN, ...opts });
}

function group(key: string, children: Node[], label?: string, en?: string, extra: Partial<GroupNode> = {}): GroupNode {
  return { kind: 'group', key, role: 'object', children, label, en, ...extra };
}

function contact(key: string, label: string, en: string): GroupNode {
  return group(key, [f('name', '联系人', 'contact person', 'string'), f('phone', '联系方式', 'contact number', 'phone')], label, en);
}

/** A checkbox list whose ticked items must be proved ("勾选需提供佐证材料"). */
function checklist(
  key: string,
  label: string,
  en: string,
  items: ReadonlyArray<readonly [key: string, label: string, en: string]>,
): GroupNode {
  return {
    kind: 'group',
    key,
    role: 'checklist',
    label,
    en,
    hint: '(注：勾选需提供佐证材料)',
    children: items.map(([k, l, e]) => ({
      kind: 'group',
      key: k,
      role: 'item',
      label: l,
      en: e,
      children: [
        f('checked', '勾选', 'ticked', 'boolean'),
        f('evidence', '佐证材料', 'evidence files', 'evidence', { optional: true }),
      ],
    })),
  };
}

/** "数量：__个 名称：__" cells, and "__个 (需提供清单及佐证材料)" counts. */
function namedCount(key: string, label: string, en: string, hint?: string): GroupNode {
  return {
    kind: 'group',
    key,
    role: 'namedCount',
    label,
    en,
    hint,
    children: [
      f('count', '数量', 'number', 'integer', { unit: '个' }),
      f('names', '名称', 'names', 'names', { optional: true }),
      f('evidence', '佐证材料', 'evidence files', 'evidence', { optional: true }),
    ],
  };
}

function target(direction: string, key: string, label: string, en: string, unit: string | undefined, extra: Node[] = []): GroupNode {
  return {
    kind: 'group',
    key,
    role: 'target',
    direction,
    label,
    en,
    children: [
      f('baseline', '基准值', 'baseline', 'number', { unit }),
      ...extra,
      f('target', '目标值', 'target', 'number', { unit }),
    ],
  };
}

function qualitative(direction: string, key: string, label: string, en: string): GroupNode {
  return {
    kind: 'group',
    key,
    role: 'target',
    direction,
    label,
    en,
    children: [
      // The seed prints no limit here: only 表八's 3000 字 as a whole (form/text-length).
      f('baseline', '基准值', 'baseline', 'text'),
      f('target', '目标值', 'target', 'text'),
    ],
  };
}

const HINT_200 = '(200字以内)';

/**
 * A row of the certified plan held against what happened (复核): the 表八 baseline and target as
 * certified, the stage target of each interim year, and the actual value of each review year.
 */
function reviewTarget(direction: string, key: string, label: string, en: string, unit: string, better: 'up' | 'down', integer = false): GroupNode {
  const type = integer ? 'integer' : 'number';
  return {
    kind: 'group',
    key,
    role: 'target',
    direction,
    label,
    en,
    better,
    children: [
      f('baseline', '基准值', 'baseline', type, { unit }),
      f('target', '目标值', 'target', type, { unit }),
      f('stages', '阶段性目标', 'stage targets', type, {
        unit,
        years: 'data-interim',
        optional: true,
        description: '规划中该指标各中间年度的阶段性目标（表八"2.阶段性目标"中给出数值的，填在此处）。',
      }),
      f('actual', '实际值', 'actual', type, { unit, years: 'data', description: '复核年度（规划年度）各年的实际值。' }),
    ],
  };
}

function reviewQualitative(direction: string, key: string): GroupNode {
  return {
    kind: 'group',
    key,
    role: 'target',
    direction,
    label: '定性描述',
    en: `${key} (qualitative)`,
    children: [
      f('baseline', '基准值', 'baseline', 'text', { maxChars: 200 }),
      f('target', '目标值', 'target', 'text', { maxChars: 200 }),
      f('actual', '完成情况', 'what was achieved', 'text', { maxChars: 200 }),
    ],
  };
}

export const FORM: readonly SectionNode[] = [
  {
    key: 'cover',
    section: { id: 'cover', title: '封面', en: 'Cover' },
    children: [
      f('clusterName', '集群名称', 'cluster name', 'string', {
        hint: '(XX(省、市)XX(县、区)XX产业)',
        description: '封面及表一：集群名称，须写明所在地区和主导产业，如"湖北省荆门市掇刀区新能源动力电池产业集群"。',
      }),
      group(
        'region',
        [
          f('province', '省(区、市)', 'province (region, municipality)', 'string'),
          f('city', '市(区)', 'city (district)', 'string', {
            optional: true,
            description: '直辖市下辖区县、省直管县级市可不填。',
          }),
          f('county', '县(市、区)', 'county (city, district)', 'string'),
        ],
        '所属地区',
        'region',
      ),
      f('authority', '县级行政区划中小企业主管部门', 'county-level SME authority', 'string', {
        description: '封面"县级行政区划中小企业主管部门(盖章)"及表一同名栏。',
      }),
      f('operator', '集群运营管理机构', 'cluster operator', 'string', {
        description: '封面及表一：对产业集群集中运营管理的法人主体（填报说明3）。',
      }),
      f('operatorType', '集群运营管理机构类型', 'type of the operator', 'choice', {
        options: ['产业园区管委会', '园区运营企业', '公共服务机构', '其他法人主体', '基础建设单位'],
        optionsEn: [
          'industrial park management committee',
          'park operating company',
          'public service institution',
          'other legal entity',
          'infrastructure builder',
        ],
        toolOnly: true,
        description: '不在表上：用于核对填报说明3"基础建设单位不可作为集群运营管理机构"。',
      }),
      f('date', '申报时间', 'date of application', 'date'),
      group(
        'contact',
        [f('name', '联系人', 'contact person', 'string'), f('phone', '联系电话', 'contact number', 'phone')],
        '联系人及联系电话',
        'contact person and number',
      ),
    ],
  },
  {
    key: 'summary',
    section: { id: 'summary', title: '附件1 推荐汇总表', en: 'Annex 1: summary table row' },
    children: [
      f('leadingIndustry', '主导产业', 'leading industry', 'string'),
      f('founded', '集群成立时间', 'date the cluster was founded', 'date', {
        description: '附件1"集群成立时间"，YYYY-MM-DD、YYYY-MM 或 YYYY（只知年份时）。',
      }),
      f('intro', '集群简介', 'cluster profile', 'text', {
        maxChars: 300,
        optional: true,
        hint: '（300字以内）',
        description:
          '附件1"集群简介"：集群主导产业链条描述，行业地位，荣誉称号等；2023年集群总产值、中小企业数量、专精特新等企业数量，标准、专利等。留空则由工具根据申报数据生成。',
      }),
    ],
  },
  {
    key: 'basic',
    section: { id: 'basic', title: '一、基本情况', en: 'I. Basic information' },
    children: [
      contact('authorityContact', '县级行政区划中小企业主管部门', 'SME authority'),
      contact('operatorContact', '集群运营管理机构', 'cluster operator'),
      f('area', '集群占地面积(平方公里)', 'area of the cluster (km²)', 'number', { unit: '平方公里' }),
      f('industryType', '主导产业所属产业类型', 'sector of the leading industry', 'choice', {
        options: ['第一产业', '第二产业', '第三产业'],
        optionsEn: ['primary', 'secondary', 'tertiary'],
      }),
      yesNo(
        'prohibitedIndustry',
        '集群主导产业是否属于国家规定的禁止、限制和淘汰类产业',
        'leading industry is prohibited, restricted or to be phased out',
      ),
      yesNo(
        'majorIncident',
        '近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件',
        'major safety, quality, pollution, cyber or data security incident in the last three years',
      ),
      yesNo('misconduct', '是否存在偷税漏税、违法违规、严重失信和其他重大问题的行为', 'tax evasion, violations, serious dishonesty or other major problems'),
      f('energyEfficiency', '属于高耗能行业的集群，能效水平是否达到行业基准值', 'energy efficiency reaches the benchmark (energy-intensive industries)', 'choice', {
        options: ['是', '否', '非高耗能行业，不适用'],
        optionsEn: ['yes', 'no', 'not energy-intensive, not applicable'],
      }),
      f('waterEfficiency', '属于高用水行业的集群，水效水平是否达到行业基准值', 'water efficiency reaches the benchmark (water-intensive industries)', 'choice', {
        options: ['是', '否', '非高用水行业，不适用'],
        optionsEn: ['yes', 'no', 'not water-intensive, not applicable'],
      }),
      yesNo('provincialCluster', '是否已被认定为省级中小企业特色产业集群', 'already certified as a provincial SME characteristic cluster'),
    ],
  },
  {
    key: 'industry',
    section: { id: 'industry', title: '二、主导产业情况', en: 'II. Leading industry' },
    children: [
      f('output', '集群总产值（亿元）', 'total output (100 million yuan)', 'number', { unit: '亿元', years: 'data+prior' }),
      f('countyShare', '集群总产值占所在县级行政区划产值比例（%）', 'share of the county’s output (%)', 'number', { unit: '%', percent: true, years: 'data' }),
      f('smeOutputShare', '集群内中小企业产值占集群总产值比例（%）', 'SMEs’ share of the cluster’s output (%)', 'number', { unit: '%', percent: true, years: 'data' }),
      f('leadingShare', '集群主导产业产值占集群总产值比例（%）', 'leading industry’s share of the cluster’s output (%)', 'number', { unit: '%', percent: true, years: 'data+prior' }),
      f('leadingCagr', '近三年集群主导产业产值年均增速（%）', 'average annual growth of the leading industry’s output, last three years (%)', 'number', {
        unit: '%',
        years: 'data',
        requiredYears: 'base',
        description: '表二按年度列出；至少填写基准年（2023年）。工具据总产值和主导产业占比核算。',
      }),
      f('enterprises', '集群企业数量', 'enterprises in the cluster', 'integer', { unit: '家', years: 'data' }),
      f('smes', '其中：集群中小企业数量', 'of which SMEs', 'integer', { unit: '家', years: 'data' }),
      f('provincialSrdi', '主导产业相关的省级专精特新中小企业数量', 'provincial “specialised, refined, distinctive, innovative” SMEs', 'integer', { unit: '家', years: 'data' }),
      f('littleGiants', '主导产业相关的国家级专精特新“小巨人”企业数量', 'national “little giant” enterprises', 'integer', { unit: '家', years: 'data' }),
      f('singleChampions', '主导产业相关的国家级制造业单项冠军企业数量', 'national manufacturing single champions', 'integer', { unit: '家', years: 'data' }),
      f('highTech', '主导产业相关的国家级高新技术企业数量', 'national high-tech enterprises', 'integer', { unit: '家', years: 'data' }),
      f('innovativeSmes', '主导产业相关的创新型中小企业数量', 'innovative SMEs', 'integer', { unit: '家', years: 'data' }),
      f('listedSmes', '主导产业相关的上市中小企业数量', 'listed SMEs', 'integer', { unit: '家', years: 'data' }),
      f('preListingSmes', '主导产业相关的上市辅导期中小企业数量', 'SMEs in pre-listing tutoring', 'integer', { unit: '家', years: 'data' }),
      f('fdi', '集群外商直接投资额（万元）', 'foreign direct investment (10,000 yuan)', 'number', { unit: '万元', years: 'data' }),
      f('fdiGrowth', '集群外商直接投资额增长率（%）', 'growth of foreign direct investment (%)', 'number', { unit: '%', years: 'data', optional: true }),
      f('exports', '集群主导产品出口贸易额（万元）', 'exports of leading products (10,000 yuan)', 'number', { unit: '万元', years: 'data' }),
      f('exportGrowth', '集群主导产品出口贸易额增长率（%）', 'growth of exports (%)', 'number', { unit: '%', years: 'data', optional: true }),
      f('chainText', '集群产业链强链补链情况', 'strengthening and completing the industrial chain', 'text', { maxChars: 200, hint: HINT_200 }),
      checklist('chainWork', '集群已开展的产业链强链补链工作', 'chain-strengthening work done', [
        ['chainMap', '绘制产业链图谱，开展产业链培育', 'mapped the industrial chain and cultivates it'],
        ['problemList', '形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制', 'list of technical bottlenecks or innovation projects, with open-competition or crowdsourcing incentives'],
        ['jointResearch', '联合集群上下游企业，组建创新联合体，开展产业链联合攻关', 'innovation consortium of upstream and downstream firms for joint research'],
        ['academia', '引入高等院校、科研院所，开展产业链关键环节产学研协同创新', 'universities and institutes brought in for industry–academia innovation'],
        ['coordination', '建有产业链上下游产供销一体化协同协作机制', 'integrated production–supply–sales coordination mechanism along the chain'],
        ['chainLeader', '与产业链“链主”企业建立稳定合作配套关系', 'stable supply relations with the chain-leading enterprises'],
        ['advancedClusters', '与先进制造业集群、国家新型工业化产业示范基地建立稳定合作配套关系', 'stable relations with advanced manufacturing clusters or national demonstration bases'],
        ['supplyRisk', '开展供应链风险评估工作，建立供应链风险防范机制', 'supply-chain risk assessment and prevention mechanism'],
      ]),
      f('sharingText', '集群内产业链资源协同协作情况', 'resource sharing and coordination along the chain', 'text', { maxChars: 200, hint: HINT_200 }),
      checklist('sharingWork', '集群已开展的产业链资源协同协作工作', 'resource-sharing work done', [
        ['equipment', '开展通用生产设备共享', 'sharing of general production equipment'],
        ['services', '开展物流、仓储、设计等服务资源共享', 'sharing of logistics, warehousing, design and other services'],
        ['people', '开展人力资源共享', 'sharing of human resources'],
        ['purchasing', '开展同类设备和产品的集中采销', 'joint purchasing and sales of similar equipment and products'],
        ['sharedPlants', '建立共享车间、共享工厂', 'shared workshops or factories'],
      ]),
      f('brandText', '集群质量品牌建设情况', 'quality and brand building', 'text', { maxChars: 200, hint: HINT_200 }),
      checklist('brandWork', '集群已开展的质量品牌建设工作', 'quality and brand work done', [
        ['qualityModels', '开展了先进质量管理模式推广', 'promoted advanced quality management models'],
        ['qualityDiagnosis', '开展了质量诊断服务', 'quality diagnosis services'],
        ['brandMechanism', '建立了品牌运营、品牌管理标准宣贯等机制', 'brand operation and brand-management standards mechanisms'],
        ['collectiveMark', '获得了集体商标、地理标志产品批准认证或证明商标通过注册', 'collective trademark, geographical indication or certification mark obtained'],
      ]),
    ],
  },
  {
    key: 'innovation',
    section: { id: 'innovation', title: '三、创新能力情况', en: 'III. Innovation' },
    children: [
      f('rdIntensity', '集群中小企业研发投入强度(%)', 'R&D intensity of SMEs (%)', 'number', { unit: '%', percent: true, years: 'data' }),
      f('rdSpending', '集群中小企业研发经费总额(亿元)', 'SMEs’ total R&D spending (100 million yuan)', 'number', { unit: '亿元', years: 'data+prior' }),
      f('staff', '集群中小企业从业人员数量', 'SME employees', 'integer', { unit: '人', years: 'data' }),
      f('rdStaff', '集群中小企业研发人员数量', 'SME R&D staff', 'integer', { unit: '人', years: 'data' }),
      f('ipGrants', '集群中小企业知识产权授权量', 'IP rights granted to SMEs', 'integer', { unit: '件', years: 'data' }),
      group(
        'standards',
        [
          ...(
            [
              ['international', '国际', 'international'],
              ['national', '国家', 'national'],
              ['industry', '行业', 'industry'],
              ['group', '团体', 'association'],
            ] as const
          ).map(([k, l, e]) =>
            group(
              k,
              [
                f('lead', '主持数量', 'led', 'integer', { unit: '项', years: 'data' }),
                f('participate', '参与数量', 'took part', 'integer', { unit: '项', years: 'data' }),
              ],
              l,
              `${e} standards`,
            ),
          ),
          f('list', '标准清单', 'list of standards', 'names', { optional: true, description: '需提供清单：标准名称（编号），每项一条。' }),
          f('evidence', '佐证材料', 'evidence files', 'evidence', { optional: true }),
        ],
        '近三年集群中小企业主持(起草单位排名前三位)或参与制修订标准数量情况',
        'standards led (drafter ranked in the top three) or co-drafted by SMEs, last three years',
        { hint: '(需提供清单)' },
      ),
      group(
        'platforms',
        [
          namedCount('national', '国家制造业创新中心或国家级创新平台名称及数量', 'national manufacturing innovation centres or national platforms'),
          namedCount('provincial', '省级制造业创新中心或省级创新平台名称及数量', 'provincial innovation centres or platforms'),
          namedCount('other', '其他平台名称及数量', 'other platforms'),
        ],
        '创新平台建设情况',
        'innovation platforms',
        { hint: '(需提供清单及佐证材料)' },
      ),
      f('pctApplications', '集群中小企业PCT国际专利申请量', 'PCT international patent applications by SMEs', 'integer', { unit: '件' }),
      f('inventionPatentCagr', '近三年集群中小企业有效发明专利年均增速(%)', 'average annual growth of valid invention patents, last three years (%)', 'number', { unit: '%' }),
      f('patentsPer10k', '集群中小企业从业人员每万人有效发明专利拥有量', 'valid invention patents per 10,000 SME employees', 'number', { unit: '件/万人' }),
      namedCount(
        'inventionPatents',
        '集群内中小企业有效发明专利拥有量(包括发明专利、国防专利、植物新品种、国家级农作物品种、国家新药、国家一级中药保护品种、集成电路布图设计专有权等)',
        'valid invention patents held by SMEs (incl. defence patents, plant varieties, new drugs, IC layout designs, …)',
        '(需提供清单及佐证材料)',
      ),
      f('inventionPatentsByYear', '有效发明专利拥有量（按年度）', 'valid invention patents held, by year', 'integer', {
        unit: '件',
        years: 'data+prior',
        toolOnly: true,
        optional: true,
        description: '不在表上：各年末有效发明专利存量，用于核算"近三年有效发明专利年均增速"；基准年须与拥有量一致。',
      }),
    ],
  },
  {
    key: 'digital',
    section: { id: 'digital', title: '四、数字化升级情况', en: 'IV. Digital upgrading' },
    children: [
      f('cloudSmes', '集群上云中小企业数量', 'SMEs using cloud services', 'integer', { unit: '家' }),
      f('cloudRate', '集群中小企业上云比例(%)', 'share of SMEs on the cloud (%)', 'number', { unit: '%', percent: true }),
      f('iipSmes', '集群接入工业互联网平台的中小企业数量', 'SMEs connected to industrial internet platforms', 'integer', { unit: '家' }),
      f('iipRate', '集群中小企业工业互联网平台应用普及率(%)', 'industrial internet platform adoption rate (%)', 'number', { unit: '%', percent: true }),
      f('rdToolRate', '集群中小企业数字化研发工具应用普及率(%)', 'digital R&D tool adoption rate (%)', 'number', { unit: '%', percent: true }),
      yesNo('softwareRising', '工业软件应用率稳步提升', 'industrial software use rising steadily'),
      f('softwareSpend', '工业软件采购金额(万元)', 'industrial software purchases (10,000 yuan)', 'number', { unit: '万元', years: 'data' }),
      f('servicesText', '数字化服务总体情况', 'digital services overall', 'text', { maxChars: 200, hint: HINT_200 }),
      checklist('servicesWork', '集群已开展的数字化服务工作', 'digital services provided', [
        ['solutionProviders', '引入了数字化系统解决方案服务商', 'brought in digital solution providers'],
        ['commonSolutions', '开展了数字化共性解决方案开发和诊断等服务', 'common digital solutions and diagnosis services'],
        ['integration', '开展了两化融合管理体系推广工作', 'promoted the IT–industrialisation integration management system'],
        ['maturity', '开展了智能制造能力成熟度评估或数据管理能力成熟度评估等推广工作', 'promoted smart-manufacturing or data-management maturity assessments'],
      ]),
      group(
        'newModels',
        [
          f('text', '智能制造、工业互联网以及其它新模式新业态试点示范建设或应用情况', 'pilot and demonstration projects of smart manufacturing, industrial internet and other new models', 'text', {
            maxChars: 200,
            hint: '（200字以内）',
          }),
          checklist('work', '集群已开展的数字化新模式新业态推广工作', 'new digital models promoted', [
            ['nationalPilots', '建有国家智能制造、工业互联网以及其它国家新模式新业态试点示范项目', 'national pilot or demonstration projects'],
            ['provincialPilots', '建有省级智能制造、工业互联网以及其它国家新模式新业态试点示范项目', 'provincial pilot or demonstration projects'],
            ['promotion', '开展了智能制造、工业互联网等新模式新业态创新应用推广', 'promoted innovative applications of new models'],
          ]),
          namedCount('national', '国家级试点示范项目名称及数量', 'national pilot projects'),
          namedCount('provincial', '省级试点示范项目名称及数量', 'provincial pilot projects'),
          namedCount('other', '其他试点示范项目名称及数量', 'other pilot projects'),
        ],
        '数字化新模式新业态推广情况',
        'new digital models and business forms',
      ),
    ],
  },
  {
    key: 'green',
    section: { id: 'green', title: '五、绿色化转型情况', en: 'V. Green transition' },
    children: [
      yesNo('carbonMonitoring', '是否建立集群碳排放监测机制', 'carbon emission monitoring mechanism in place', { hint: '（如涉及，需提供佐证材料）' }),
      f('carbonMonitoringEvidence', '碳排放监测机制佐证材料', 'evidence of the monitoring mechanism', 'evidence', { optional: true }),
      f('co2Intensity', '近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）', 'CO₂ emissions per unit of output (t CO₂ / 10,000 yuan)', 'number', {
        unit: '吨二氧化碳/万元',
        years: 'data',
        hint: '（注：单位产值二氧化碳排放量需提供计算公式）',
      }),
      f('co2Emissions', '二氧化碳排放总量（吨二氧化碳）', 'total CO₂ emissions (t)', 'number', {
        unit: '吨二氧化碳',
        years: 'data',
        toolOnly: true,
        optional: true,
        description: '不在表上：各年排放总量，工具据此和集群总产值计算单位产值二氧化碳排放量并打印计算公式。',
      }),
      f('energyIntensity', '近三年集群单位产值能耗（吨标准煤/万元）', 'energy use per unit of output (tce / 10,000 yuan)', 'number', {
        unit: '吨标准煤/万元',
        years: 'data',
        hint: '（注：单位产值能耗需提供计算公式）',
      }),
      f('energyConsumption', '综合能源消费量（吨标准煤）', 'total energy consumption (tce)', 'number', {
        unit: '吨标准煤',
        years: 'data',
        toolOnly: true,
        optional: true,
        description: '不在表上：各年综合能耗，工具据此和集群总产值计算单位产值能耗并打印计算公式。',
      }),
      f('energyIntensityReduction', '近三年集群单位产值能耗降低率（%）', 'reduction of energy use per unit of output, last three years (%)', 'number', { unit: '%' }),
      f('solidWasteRate', '大宗工业固废综合利用率（%）', 'comprehensive utilisation of bulk industrial solid waste (%)', 'number', { unit: '%', percent: true }),
      f('solidWasteAboveAverage', '是否高于行业平均水平', 'above the industry average', 'choice', {
        options: ['是', '否', '不适用'],
        optionsEn: ['yes', 'no', 'not applicable'],
      }),
      f('waterReuseRate', '工业用水重复利用率（%）', 'industrial water reuse rate (%)', 'number', { unit: '%', percent: true }),
      f('waterReuseAboveAverage', '是否高于行业平均水平', 'above the industry average', 'choice', {
        options: ['是', '否', '不适用'],
        optionsEn: ['yes', 'no', 'not applicable'],
      }),
      f('lowCarbonText', '集群绿色低碳相关工作情况', 'green and low-carbon work', 'text', { maxChars: 200, hint: '（200字以内）' }),
      checklist('lowCarbonWork', '集群已开展的绿色低碳相关工作', 'green and low-carbon work done', [
        ['energyDiagnosis', '开展了节能诊断，建立节能管控系统、余热余压回收设施等', 'energy-saving diagnosis, energy management systems, waste heat recovery'],
        ['carbonAccounting', '开展了碳排放和碳足迹监测与核算等', 'carbon emission and footprint monitoring and accounting'],
        ['recycling', '建立了水资源梯级循环利用、工业废弃物分类分级利用设施等', 'cascade water recycling and graded reuse of industrial waste'],
        ['cleanerProduction', '开展了清洁生产评价等工作', 'cleaner production assessment'],
        ['greenSolutions', '开展了绿色制造系统解决方案推广', 'promoted green manufacturing system solutions'],
      ]),
      group(
        'greenManufacturing',
        [
          namedCount('national', '国家级绿色制造体系建设情况', 'national green manufacturing system'),
          namedCount('provincial', '省级绿色制造体系建设情况', 'provincial green manufacturing system'),
          namedCount('other', '其他绿色制造体系建设情况', 'other green manufacturing system'),
        ],
        '集群绿色制造体系建设水平',
        'green manufacturing system',
        { hint: '(注：包括绿色工厂、绿色工业园区、绿色供应链管理企业、绿色设计产品等，需提供清单及佐证材料)' },
      ),
    ],
  },
  {
    key: 'openness',
    section: { id: 'openness', title: '六、开放合作情况', en: 'VI. Openness and cooperation' },
    children: [
      f('text', '集群国际合作交流总体情况', 'international cooperation overall', 'text', { maxChars: 200, hint: HINT_200 }),
      checklist('activities', '集群已开展的国际合作交流活动', 'international activities', [
        ['mechanism', '建立或参与主导产业国际合作机制', 'set up or joined an international cooperation mechanism'],
        ['overseasParks', '与境外产业园区形成较为稳定的合作关系', 'stable cooperation with overseas industrial parks'],
        ['imports', '引进了国际领先技术、先进管理经验或高端人才团队等', 'brought in leading technology, management or talent'],
        ['fairs', '参加中国国际中小企业博览会等展会类活动', 'took part in the China International SME Fair or similar'],
        ['seminars', '承办主导产业国际研讨会或技术交流会', 'hosted international seminars or technical exchanges'],
      ]),
      namedCount('overseasBranches', '集群或集群内企业在境外设立分支机构数量', 'overseas branches of the cluster or its enterprises', '(需提供清单及相关佐证材料)'),
    ],
  },
  {
    key: 'governance',
    section: { id: 'governance', title: '七、治理和服务水平', en: 'VII. Governance and services' },
    children: [
      namedCount('alliances', '集群内产业联盟组织情况', 'industry alliances, societies and associations', '(注：包括行业学会、协会等，需提供清单)'),
      f('environmentText', '集群发展环境情况', 'development environment', 'text', { maxChars: 200, hint: HINT_200 }),
      checklist('environmentWork', '集群已开展的发展环境治理工作', 'environment governance work done', [
        ['promotionBody', '建立了专业化发展促进机构、开展共商共建共享', 'specialised promotion body; joint consultation and sharing'],
        ['policyOutreach', '建立中小企业政策宣贯与对接机制', 'SME policy outreach and matching mechanism'],
        ['rightsProtection', '建立了中小企业合法权益保护机制', 'protection of SMEs’ lawful rights'],
        ['serviceEvaluation', '建立了公共服务效果考核机制', 'evaluation of public services'],
        ['safety', '建立安全生产源头管控和隐患排查机制', 'work-safety source control and hazard inspection'],
        ['digitalGovernance', '运用了数字化手段提升治理能力', 'digital tools for governance'],
      ]),
      group(
        'servicePlatforms',
        [
          namedCount('national', '建设或引入的国家级中小企业公共服务示范平台名称及数量', 'national SME public service demonstration platforms'),
          namedCount('provincial', '建设或引入的省级中小企业公共服务示范平台名称及数量', 'provincial SME public service demonstration platforms'),
          namedCount('other', '建设或引入的其他中小企业公共服务示范平台名称及数量', 'other SME public service platforms'),
        ],
        '集群中小企业公共服务平台建设情况',
        'SME public service platforms',
        { hint: '(需提供清单及佐证材料)' },
      ),
      checklist('publicServices', '集群已提供的中小企业公共服务', 'public services provided to SMEs', [
        ['information', '信息服务', 'information'],
        ['startup', '创业辅导', 'start-up coaching'],
        ['innovation', '创新支持', 'innovation support'],
        ['training', '人员培训', 'training'],
        ['marketing', '市场营销', 'marketing'],
        ['finance', '投融资服务', 'investment and financing'],
        ['consulting', '管理咨询', 'management consulting'],
      ]),
    ],
  },
  {
    key: 'plan',
    filing: 'application',
    section: { id: 'plan', title: '八、未来三年中小企业特色产业集群发展规划', en: 'VIII. Three-year development plan' },
    children: [
      f('overview', '一、集群基本情况简介', '1. Overview of the cluster', 'text', {
        description: '包括集群主导产业在细分领域所处发展水平，行业地位，获得荣誉称号，以及相关政策制定与实施情况、优质市场主体培育、产业链供应链建设等方面近三年来发展情况。',
      }),
      f('achievements', '二、发展成效', '2. Achievements', 'text', {
        description: '包括提升集群主导产业优势、激发集群创新活力、推进集群数字化升级、加快集群绿色低碳转型、深化集群开放合作、提升集群治理和服务能力等方面开展的工作和取得的成绩。',
      }),
      f('problems', '三、存在的问题', '3. Problems', 'text'),
      f('approach', '(一) 总体思路', '(1) General approach', 'text'),
      group(
        'targets',
        [
          target('主导产业', 'outputCagr', '近三年集群产值年均增速', 'average annual output growth over three years (%)', '%'),
          target('主导产业', 'qualitySmes', '优质中小企业数量', 'quality SMEs', '家', [
            f('interim', '年度目标值', 'yearly targets', 'integer', {
              unit: '家',
              years: 'interim',
              description: '基准年与目标年之间各年度的优质中小企业数量目标（用于核对"优质中小企业数量逐年增加"）。',
            }),
          ]),
          target('创新', 'rdSpending', '研发经费投入', 'R&D spending (100 million yuan)', '亿元'),
          target('创新', 'inventionPatents', '有效发明专利数量', 'valid invention patents', '件'),
          target('数字化', 'iipRate', '工业互联网普及率', 'industrial internet adoption rate (%)', '%'),
          target('绿色化', 'co2Intensity', '二氧化碳排放量', 'CO₂ emissions (t CO₂ / 10,000 yuan of output)', '吨二氧化碳/万元'),
          target('绿色化', 'energyIntensity', '单位工业产值能耗', 'energy use per unit of industrial output (tce / 10,000 yuan)', '吨标准煤/万元'),
          qualitative('开放合作', 'openness', '定性描述', 'openness and cooperation (qualitative)'),
          qualitative('治理和服务', 'governance', '定性描述', 'governance and services (qualitative)'),
          {
            kind: 'array',
            key: 'extra',
            label: '其它指标',
            en: 'other indicators',
            maxItems: 8,
            optional: true,
            description: '表中"....."行：集群根据自身特色增加的考核指标。',
            item: {
              kind: 'group',
              key: 'row',
              role: 'target',
              children: [
                f('direction', '方向', 'direction', 'choice', {
                  options: ['主导产业', '创新', '数字化', '绿色化', '开放合作', '治理和服务', '其它'],
                  optionsEn: ['leading industry', 'innovation', 'digital', 'green', 'openness', 'governance', 'other'],
                }),
                f('indicator', '指标', 'indicator', 'string'),
                f('baseline', '基准值', 'baseline', 'string'),
                f('target', '目标值', 'target', 'string'),
              ],
            },
          } satisfies ArrayNode,
        ],
        '1. 三年总体目标',
        '1. Three-year targets',
      ),
      f('stageTargets', '2.阶段性目标', '2. Targets by stage', 'text', { years: 'plan' }),
      f('tasks', '(三) 重点任务', '(3) Key tasks', 'text'),
      f('safeguards', '(四) 保障措施', '(4) Safeguards', 'text'),
    ],
  },
  {
    key: 'certification',
    filing: 'review',
    section: { id: 'certification', title: '复核：认定情况', en: 'Review: certification' },
    children: [
      f('batch', '认定批次（年度）', 'batch (year of certification)', 'integer', { description: '集群被认定为国家级中小企业特色产业集群的年度批次，如 2024。' }),
      f('notice', '认定通告文号', 'number of the certification notice', 'string', { description: '公布认定名单的通告文号，如"工信部企业函〔2024〕267号"。' }),
      f('validFrom', '认定有效期起始年度', 'valid from (year)', 'integer'),
      f('validTo', '认定有效期截止年度', 'valid to (year)', 'integer'),
    ],
  },
  {
    key: 'review',
    filing: 'review',
    section: { id: 'review', title: '复核：规划目标完成情况', en: 'Review: attainment of the plan' },
    children: [
      f('planBaseYear', '规划基准年', 'base year of the plan', 'integer', { description: '认定时表八的基准年（申报数据的最后一年），如 2023。' }),
      f('planTargetYear', '规划目标年', 'target year of the plan', 'integer', { description: '认定时表八的目标年，如 2026。' }),
      group(
        'targets',
        [
          reviewTarget('主导产业', 'outputCagr', '近三年集群产值年均增速', 'average annual output growth over three years (%)', '%', 'up'),
          reviewTarget('主导产业', 'qualitySmes', '优质中小企业数量', 'quality SMEs', '家', 'up', true),
          reviewTarget('创新', 'rdSpending', '研发经费投入', 'R&D spending (100 million yuan)', '亿元', 'up'),
          reviewTarget('创新', 'inventionPatents', '有效发明专利数量', 'valid invention patents', '件', 'up', true),
          reviewTarget('数字化', 'iipRate', '工业互联网普及率', 'industrial internet adoption rate (%)', '%', 'up'),
          reviewTarget('绿色化', 'co2Intensity', '二氧化碳排放量', 'CO₂ emissions (t CO₂ / 10,000 yuan of output)', '吨二氧化碳/万元', 'down'),
          reviewTarget('绿色化', 'energyIntensity', '单位工业产值能耗', 'energy use per unit of industrial output (tce / 10,000 yuan)', '吨标准煤/万元', 'down'),
          reviewQualitative('开放合作', 'openness'),
          reviewQualitative('治理和服务', 'governance'),
          {
            kind: 'array',
            key: 'extra',
            label: '其它指标',
            en: 'other indicators',
            maxItems: 8,
            optional: true,
            description: '表八"....."行：集群根据自身特色增加的考核指标，连同各年实际值。基准值、目标值、实际值为数值时计算完成率。',
            item: {
              kind: 'group',
              key: 'row',
              role: 'target',
              children: [
                f('direction', '方向', 'direction', 'choice', {
                  options: ['主导产业', '创新', '数字化', '绿色化', '开放合作', '治理和服务', '其它'],
                  optionsEn: ['leading industry', 'innovation', 'digital', 'green', 'openness', 'governance', 'other'],
                }),
                f('indicator', '指标', 'indicator', 'string'),
                f('better', '目标方向', 'better when', 'choice', { options: ['增加', '降低'], optionsEn: ['higher', 'lower'], optional: true, description: '目标是增加还是降低（默认增加）。' }),
                f('baseline', '基准值', 'baseline', 'string'),
                f('target', '目标值', 'target', 'string'),
                f('actual', '实际值', 'actual', 'string', { years: 'data' }),
              ],
            },
          } satisfies ArrayNode,
        ],
        '认定时的三年总体目标及完成情况',
        'the certified three-year targets and what was achieved',
      ),
      f('stageTargets', '阶段性目标', 'stage targets as certified', 'text', {
        years: 'data',
        optional: true,
        description: '认定时表八"2.阶段性目标"各年度的原文（由 cluster init --review 从申报文件带入）。',
      }),
      f('selfAssessment', '规划实施情况说明', 'how the plan was carried out', 'text', {
        maxChars: 1000,
        optional: true,
        description: '集群对三年规划实施情况的说明（本工具的自评栏目，非官方表格）。',
      }),
    ],
  },
  {
    key: 'declaration',
    section: { id: 'declaration', title: '九、真实性声明及推荐意见', en: 'IX. Declaration of truthfulness and recommendation' },
    children: [
      f('signatory', '县级行政区划中小企业主管部门负责人', 'head of the county-level SME authority', 'string', {
        optional: true,
        description: '签字人姓名（纸质表上本人签字）；可留空。',
      }),
      f('date', '日期', 'date', 'date', { optional: true, description: '声明日期；留空则打印"年 月 日"待手写。' }),
    ],
  },
];

/** 九 真实性声明 text, verbatim. */
export const DECLARATION_TEXT =
  '本单位承诺此次申报中小企业特色产业集群的申请材料(包括附件资料)真实、合法。如有不实之处，本单位愿意负相应责任，并承担由此产生的一切后果。';

/** The plan's total length limit "(3000 字以内)". */
export const PLAN_MAX_CHARS = 3000;
