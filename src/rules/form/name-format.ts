import { defineRule, type Out } from '../helpers.js';

const PROVINCES = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北',
  '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州', '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '台湾', '香港', '澳门',
];

/** 湖北省 → 湖北, 广西壮族自治区 → 广西, 重庆市 → 重庆 */
export function provinceStem(p: string): string {
  return PROVINCES.find((x) => p.startsWith(x)) ?? p.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)$/, '');
}

/** 掇刀区 → 掇刀, 四会市 → 四会, 忠县 → 忠 (a one-character stem keeps its suffix). */
function stem(place: string): string {
  const s = place.replace(/(自治县|自治州|地区|盟|新区|区|县|市|旗|镇|街道|乡)$/, '');
  return s.length >= 2 ? s : place;
}

export default defineRule(
  {
    id: 'form/name-format',
    severity: 'warning',
    source: '表 封面（"XX(省、市)XX(县、区)XX产业"）',
    description: {
      zh: '集群名称未写明地区和产业，或写明的地区与所属地区不一致',
      en: 'the cluster name does not name the place and the industry, or names a place that disagrees with the region',
    },
    messages: {
      zh: {
        noPlace: '集群名称"{name}"未包含所属县(市、区)"{county}"：应为"XX(省、市)XX(县、区)XX产业"',
        noIndustry: '集群名称"{name}"在地区之后没有写明产业（如"……新能源动力电池产业集群"）',
        otherProvince: '集群名称"{name}"中的"{found}"与所属地区"{province}"不一致',
        notStart: '集群名称"{name}"应以地区开头（省、市或县区名）',
      },
      en: {
        noPlace: 'the cluster name “{name}” does not contain its county “{county}”: the form asks for “province/city + county + industry”',
        noIndustry: 'the cluster name “{name}” names no industry after the place',
        otherProvince: 'the cluster name “{name}” names “{found}”, which disagrees with the region “{province}”',
        notStart: 'the cluster name “{name}” should start with the place (province, city or county)',
      },
    },
  },
  (ctx) => {
    const v = ctx.view;
    const name = v.str('/cover/clusterName')?.replace(/\s+/g, '');
    const province = v.str('/cover/region/province');
    const city = v.str('/cover/region/city');
    const county = v.str('/cover/region/county');
    if (!name || name === '无') return [];
    const path = '/cover/clusterName';
    const out: Out = [];
    if (province) {
      const own = provinceStem(province);
      const found = PROVINCES.find((p) => p !== own && name.includes(p) && !(own.includes(p) || p.includes(own)));
      // A province name may legitimately appear inside a city or county name (e.g. 江山市 is not 江西);
      // only a name that starts with another province is a disagreement, unless it starts with the
      // filing's own city or county (海南藏族自治州 lies in 青海省).
      const ownPlace = [city, county].some((x) => !!x && x !== '无' && name.startsWith(x));
      if (found && name.startsWith(found) && !ownPlace) out.push({ messageId: 'otherProvince', path, data: { name, found, province } });
    }
    if (county) {
      const at = name.indexOf(county) >= 0 ? name.indexOf(county) + county.length : name.indexOf(stem(county)) >= 0 ? name.indexOf(stem(county)) + stem(county).length : -1;
      if (at < 0) out.push({ messageId: 'noPlace', path, data: { name, county } });
      else {
        const rest = name.slice(at);
        if (rest.length < 2 || !/(产业|集群|行业|基地)/.test(rest)) out.push({ messageId: 'noIndustry', path, data: { name } });
      }
    }
    const starts = [province, province && provinceStem(province), city, county].filter((x): x is string => !!x && x.length >= 2);
    if (starts.length && !starts.some((s) => name.startsWith(s) || name.startsWith(stem(s)))) out.push({ messageId: 'notStart', path, data: { name } });
    return out;
  },
);
