#!/usr/bin/env node
/**
 * Writes a stress filing for looking at page breaks: the example with narratives at their length limits,
 * long names, a long cluster name, many named platforms and a long list. Valid (no errors), so it prints
 * as a final copy. Usage: node scripts/stress-filing.mjs OUT_DIR  (copies the example's evidence there).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node scripts/stress-filing.mjs OUT_DIR\n');
  process.exit(2);
}
const src = join(root, 'examples/jingmen-battery');
mkdirSync(out, { recursive: true });
cpSync(join(src, 'evidence'), join(out, 'evidence'), { recursive: true });
const doc = YAML.parseDocument(readFileSync(join(src, 'cluster.yaml'), 'utf8'));

/** `n` characters of plausible prose (repeating sentences), ending with "。". */
const prose = (n, seed = 0) => {
  const s = [
    '集群围绕动力电池材料、电芯、模组和回收利用环节，持续完善本地配套体系，推动中小企业与链主企业协同发展。',
    '近三年累计引进补链项目十七个，组建创新联合体，攻克高镍正极包覆、极片高速涂布等关键技术十二项（详见附件）。',
    '建成产业链工业互联网平台，接入中小企业一百二十六家，“揭榜挂帅”项目十项，《产业链图谱》每年更新。',
    '开展节能诊断和清洁生产评价，建设余热余压回收设施，单位产值能耗和二氧化碳排放量逐年下降；',
  ];
  let t = '';
  let i = seed;
  while ([...t].length < n) t += s[i++ % s.length];
  return [...t].slice(0, n - 1).join('') + '。';
};
const set = (path, v) => doc.setIn(path, v);
set(['cover', 'clusterName'], '湖北省荆门市掇刀区新能源动力电池及储能电池材料与装备关键零部件产业集群');
for (const [sec, key] of [['industry', 'chainText'], ['industry', 'qualityText'], ['industry', 'sharingText'], ['digital', 'servicesText'], ['green', 'lowCarbonText'], ['openness', 'text'], ['governance', 'environmentText']]) {
  if (doc.hasIn([sec, key])) set([sec, key], prose(200, key.length));
}
set(['summary', 'intro'], prose(300, 1));
set(['plan', 'overview'], prose(500, 2));
set(['plan', 'achievements'], prose(450, 3));
set(['plan', 'problems'], prose(400, 0));
set(['plan', 'tasks'], prose(500, 1));
set(['plan', 'safeguards'], prose(380, 2));
const names = Array.from({ length: 40 }, (_, i) => `T/HBDC ${String(100 + i)}—2023《动力电池${['正极材料', '隔膜涂覆', '电解液添加剂', '电池管理系统'][i % 4]}技术规范第${i + 1}部分》`);
set(['innovation', 'standards', 'list'], names);
writeFileSync(join(out, 'cluster.yaml'), String(doc));
process.stdout.write(`${join(out, 'cluster.yaml')}\n`);
