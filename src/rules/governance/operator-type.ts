import { defineRule } from '../helpers.js';

/** Names that read like a 基础建设单位 (说明3: "基础建设单位不可作为集群运营管理机构"). */
export const BUILDER_NAME = /城市建设投资|城建投|城投|城市投资|建设投资|建设开发|建设发展|基础设施|建设集团|建设工程|建工集团|开发建设/;

export default defineRule(
  {
    id: 'governance/operator-type',
    severity: 'warning',
    source: '说明3',
    description: {
      zh: '未声明运营管理机构类型，而其名称像基础建设单位（城市建设投资、城投、建设开发有限公司等）',
      en: 'no declared operator type, and the operator’s name reads like an infrastructure builder (城市建设投资, 城投, 建设开发有限公司, …)',
    },
    messages: {
      zh: { confirm: '集群运营管理机构"{name}"的名称含"{match}"，像基础建设单位：填报说明3规定基础建设单位不可作为集群运营管理机构。请确认其不是基础建设单位，并填写 cover.operatorType（机构类型）' },
      en: { confirm: 'the operator “{name}” has “{match}” in its name, like an infrastructure builder, which filling rule 3 forbids as operator: confirm it is not one and declare cover.operatorType' },
    },
  },
  (ctx) => {
    const name = ctx.view.str('/cover/operator');
    if (!name || ctx.view.str('/cover/operatorType') !== undefined) return [];
    const m = BUILDER_NAME.exec(name);
    return m ? [{ messageId: 'confirm', path: '/cover/operator', data: { name, match: m[0] } }] : [];
  },
);
