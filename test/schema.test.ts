import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchema } from '../src/schema/generate.js';
import { leaves, walk, FORM } from '../src/catalogue/index.js';

const committed = JSON.parse(readFileSync(new URL('../schemas/filing.schema.json', import.meta.url), 'utf8'));

describe('schema and catalogue', () => {
  it('the committed schema is the one the catalogue generates (run `npm run schema`)', () => {
    expect(committed).toEqual(generateSchema());
  });

  it('declares draft 2020-12', () => {
    expect(committed.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('every catalogue leaf has a schema property titled with its exact form label and a description', () => {
    for (const leaf of leaves()) {
      let s = committed;
      for (const seg of leaf.segments) s = seg === '*' ? s.items : s.properties[seg];
      expect(s, leaf.segments.join('/')).toBeDefined();
      expect(s.title).toBe(leaf.node.label);
      expect(typeof s.description).toBe('string');
      expect(s.description.length).toBeGreaterThan(4);
    }
  });

  it('every property of the schema has a title and a description', () => {
    const visit = (s: Record<string, any>, at: string) => {
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) {
        expect(v.title, `${at}/${k}`).toBeTruthy();
        expect(v.description, `${at}/${k}`).toBeTruthy();
        visit(v, `${at}/${k}`);
        if (v.items?.properties) visit(v.items, `${at}/${k}/*`);
      }
    };
    visit(committed, '');
  });

  it('the catalogue holds the seed’s labels verbatim (spot checks across every section)', () => {
    const labels = new Set<string>();
    walk((n) => {
      if ('label' in n && n.label) labels.add(n.label);
    });
    for (const l of [
      '集群总产值（亿元）',
      '主导产业相关的国家级专精特新“小巨人”企业数量',
      '近三年是否发生较大及以上安全、质量、环境污染等事故，重大及以上网络安全事件和数据安全事件',
      '形成产业链技术难点清单或创新项目库，建立“揭榜挂帅”、“赛马”或众创众包等激励机制',
      '集群中小企业从业人员每万人有效发明专利拥有量',
      '开展了智能制造能力成熟度评估或数据管理能力成熟度评估等推广工作',
      '近三年集群单位产值二氧化碳排放量（吨二氧化碳/万元）',
      '参加中国国际中小企业博览会等展会类活动',
      '建设或引入的国家级中小企业公共服务示范平台名称及数量',
      '近三年集群产值年均增速',
      '单位工业产值能耗',
    ]) {
      expect(labels.has(l), l).toBe(true);
    }
    expect(FORM.filter((s) => s.filing !== 'review').map((s) => s.section.title)).toEqual([
      '封面',
      '附件1 推荐汇总表',
      '一、基本情况',
      '二、主导产业情况',
      '三、创新能力情况',
      '四、数字化升级情况',
      '五、绿色化转型情况',
      '六、开放合作情况',
      '七、治理和服务水平',
      '八、未来三年中小企业特色产业集群发展规划',
      '九、真实性声明及推荐意见',
    ]);
  });

  it('the seed copy is current with ../shared (when present)', () => {
    const shared = new URL('../../shared/seeds/000_65c529400733975c.txt', import.meta.url);
    if (!existsSync(shared)) return;
    expect(readFileSync(new URL('./fixtures/seed-notice.txt', import.meta.url), 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });

  it('every form label appears in the seed (modulo its OCR spacing)', () => {
    // A copy of ../shared/seeds/000_65c529400733975c.txt, so the suite runs without shared/ beside it.
    const seed = readFileSync(new URL('./fixtures/seed-notice.txt', import.meta.url), 'utf8').replace(/\s+/g, '').replace(/<[^>]+>/g, '');
    const norm = (s: string) => s.replace(/\s+/g, '').replace(/[()（）]/g, '');
    const seedNorm = norm(seed);
    const missing: string[] = [];
    for (const leaf of leaves()) {
      if (leaf.node.toolOnly || leaf.node.type === 'evidence') continue;
      // The review sections are the tool's own (the official 复核申报表 is not among the sources).
      if (FORM.find((s) => s.section.id === leaf.section.id)?.filing === 'review') continue;
      const l = leaf.node.label;
      if (['勾选', '佐证材料', '数量', '名称', '基准值', '目标值', '标准清单', '日期', '年度目标值', '方向', '指标', '联系人', '联系方式', '联系电话', '县级行政区划中小企业主管部门负责人', '省(区、市)', '市(区)', '县(市、区)', '2.阶段性目标'].includes(l)) continue;
      if (!seedNorm.includes(norm(l))) missing.push(l);
    }
    expect(missing).toEqual([]);
  });
});
