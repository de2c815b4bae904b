import type { RuleMeta } from './types.js';

/** Structural findings from the JSON Schema, and the unreadable-input finding. */
export const SCHEMA_RULES: RuleMeta[] = [
  {
    id: 'input/unreadable',
    severity: 'error',
    source: '—',
    description: { zh: '文件无法读取或解析（编码、语法、重复键、别名等），命令以退出码 2 结束', en: 'the file cannot be read or parsed (encoding, syntax, duplicate keys, aliases…); exit code 2' },
    messages: { zh: { unreadable: '{reason}' }, en: { unreadable: '{reason}' } },
  },
  {
    id: 'schema/required',
    severity: 'error',
    source: '说明2',
    description: { zh: '缺少申报表的必填项（键不存在）', en: 'a required field of the form is missing (no such key)' },
    messages: {
      zh: { missing: '缺少必填项「{label}」（键 {key}）：请补上此项，没有相关情况时填"无"或 0' },
      en: { missing: 'missing required field “{label}” (key {key}): add it; write “无” or 0 when there is nothing to report' },
    },
  },
  {
    id: 'schema/unknown-key',
    severity: 'error',
    source: '—',
    description: { zh: '申报表中没有的字段（多为拼写错误）', en: 'a key the form does not have (usually a typo)' },
    messages: {
      zh: { unknown: '未知字段 {key}{suggestion}', unknownYear: '年度键 {key} 应为四位年份，如 2023' },
      en: { unknown: 'unknown key {key}{suggestion}', unknownYear: 'year key {key} must be a four-digit year such as 2023' },
    },
  },
  {
    id: 'schema/type',
    severity: 'error',
    source: '说明2',
    description: { zh: '值的类型不对（如数字栏填了文字）', en: 'a value of the wrong type (e.g. text in a number field)' },
    messages: {
      zh: { type: '「{label}」应为{expected}，实际是{actual}' },
      en: { type: '“{label}” must be {expected}, got {actual}' },
    },
  },
  {
    id: 'schema/enum',
    severity: 'error',
    source: '表',
    description: { zh: '选项栏填了表上没有的选项', en: 'a choice that is not one of the form’s options' },
    messages: {
      zh: { enum: '「{label}」只能填：{options}（实际为 {actual}）' },
      en: { enum: '“{label}” must be one of: {options} (got {actual})' },
    },
  },
  {
    id: 'schema/format',
    severity: 'error',
    source: '—',
    description: { zh: '日期等格式不对', en: 'a date or other value in the wrong format' },
    messages: {
      zh: { date: '「{label}」应为日期，格式 YYYY-MM-DD 或 YYYY-MM（实际为 {actual}）', empty: '「{label}」中不能有空的条目' },
      en: { date: '“{label}” must be a date, YYYY-MM-DD or YYYY-MM (got {actual})', empty: '“{label}” must not contain empty entries' },
    },
  },
  {
    id: 'schema/range',
    severity: 'error',
    source: '—',
    description: { zh: '数量为负数，或行数超过表格容量', en: 'a negative count, or more rows than the form holds' },
    messages: {
      zh: { minimum: '「{label}」不能为负数（实际为 {actual}）', maxItems: '「{label}」最多 {limit} 行' },
      en: { minimum: '“{label}” must not be negative (got {actual})', maxItems: '“{label}” holds at most {limit} rows' },
    },
  },
  {
    id: 'input/cell-value',
    severity: 'error',
    source: '—',
    description: { zh: 'Excel 单元格的内容无法识别（不作猜测）', en: 'an Excel cell whose content cannot be understood (never guessed)' },
    messages: { zh: { unreadable: '「{label}」：{reason}' }, en: { unreadable: '“{label}”: {reasonEn}' } },
  },
  {
    id: 'input/cell-note',
    severity: 'info',
    source: '—',
    description: { zh: '读取 Excel 单元格时做了换算或解释（如"4000万元"换算为 0.4 亿元）', en: 'a conversion or interpretation made while reading a cell (e.g. 4000万元 read as 0.4 亿元)' },
    messages: { zh: { note: '「{label}」：{note}' }, en: { note: '“{label}”: {noteEn}' } },
  },
  {
    id: 'input/extra-row',
    severity: 'warning',
    source: '—',
    description: { zh: '工作簿中插入的行不属于模板栏目，其内容未导入', en: 'a row inserted into the workbook is not a field of the template; its content was not imported' },
    messages: {
      zh: { extra: '工作表「{sheet}」第 {row} 行不是模板中的栏目，内容未导入（{cells}）：请把内容填入对应栏目' },
      en: { extra: 'row {row} of sheet “{sheet}” is not a field of the template and was not imported ({cells}): move its content into the right field' },
    },
  },
  {
    id: 'input/missing-row',
    severity: 'warning',
    source: '—',
    description: { zh: '模板中的栏目行被删除，按空白处理', en: 'a row of the template was deleted; read as empty' },
    messages: {
      zh: { missing: '工作表「{sheet}」中"{item}"一行已被删除，该栏目按空白处理' },
      en: { missing: 'the row “{item}” of sheet “{sheet}” was deleted; the field reads as empty' },
    },
  },
  {
    id: 'input/merged-cells',
    severity: 'error',
    source: '—',
    description: { zh: '合并单元格跨越了多个栏目（如三个年度列），无法判断各栏目的值，均不读取', en: 'a merged range spans several fields (e.g. the three year columns); what each holds cannot be told, so none is read' },
    messages: {
      zh: { merged: '单元格 {range} 被合并，跨越了「{label}」的 {items} 共 {n} 个栏目（合并后显示"{value}"），无法判断各栏目的值，均未读取：请取消合并，逐格填写', also: '「{label}」在合并单元格 {range} 之内，未读取（见 {range}）' },
      en: { merged: 'cells {range} are merged across {n} fields of “{label}” ({items}; showing "{value}"): what each holds cannot be told, so none was read; unmerge them and fill each cell', also: '“{label}” lies inside the merged range {range} and was not read (see {range})' },
    },
  },
  {
    id: 'input/ignored-cell',
    severity: 'warning',
    source: '—',
    description: { zh: '在模板的锁定单元格（栏目名称、单位、说明）或灰色的不用单元格中填写了内容，未导入', en: 'text typed into a locked cell of the template (label, unit, hint) or into a greyed-out unused cell; not imported' },
    messages: {
      zh: { locked: '单元格 {cell} 是"{item}"一行的模板文字，被改成了"{text}"，改动未导入：请把内容填入浅黄色单元格', unused: '单元格 {cell}（"{item}"一行的灰色单元格，不属于任何栏目）中填写了"{text}"，未导入：请把内容填入浅黄色单元格' },
      en: { locked: 'cell {cell} holds the template’s own text for “{item}” and was changed to "{text}"; the change was not imported: type into the yellow cells', unused: 'cell {cell} (a greyed-out cell of the row “{item}”, no field) holds "{text}", which was not imported: type into the yellow cells' },
    },
  },
  {
    id: 'input/unplaced-sheet',
    severity: 'warning',
    source: '—',
    description: { zh: '工作簿中有无法对应到申报表任何部分的工作表，其内容未导入', en: 'a sheet of the workbook that matches no part of the form; its content was not imported' },
    messages: {
      zh: { unknown: '工作表「{sheet}」不属于申报模板（没有模板的隐藏标识），其内容未导入', duplicate: '工作表「{sheet}」是「{of}」的重复副本，其内容未导入：请只保留一份' },
      en: { unknown: 'sheet “{sheet}” is not part of the template (no hidden template keys); its content was not imported', duplicate: 'sheet “{sheet}” duplicates “{of}”; its content was not imported: keep one copy only' },
    },
  },
  {
    id: 'input/sheet-renamed',
    severity: 'info',
    source: '—',
    description: { zh: '改名或移动了位置的工作表，按隐藏标识识别为申报表的相应部分', en: 'a renamed or moved sheet, found by its hidden keys' },
    messages: { zh: { renamed: '工作表「{sheet}」按隐藏标识识别为「{section}」' }, en: { renamed: 'sheet “{sheet}” was recognised by its hidden keys as “{section}”' } },
  },
  {
    id: 'input/missing-sheet',
    severity: 'error',
    source: '—',
    description: { zh: '模板中的工作表被删除', en: 'a sheet of the template was deleted' },
    messages: { zh: { missing: '工作簿中缺少工作表「{sheet}」，该部分按空白处理' }, en: { missing: 'the workbook has no sheet “{sheet}”; that part reads as empty' } },
  },
];

/** Findings about the file's own suppression directives (see src/suppress.ts). */
export const SUPPRESSION_RULES: RuleMeta[] = [
  {
    id: 'suppression/invalid',
    severity: 'warning',
    source: '—',
    description: {
      zh: '忽略指令写法不对（缺少规则 id、规则不存在或没有写理由），该指令不生效',
      en: 'a suppression directive is malformed (no rule id, an unknown rule, or no reason) and is not applied',
    },
    messages: {
      zh: {
        noRule: '忽略指令缺少规则 id：应写作 # cluster-disable-next-line <规则id> -- <理由>',
        unknownRule: '忽略指令中的规则 {rule} 不存在（全部规则见 cluster rules），该指令不生效',
        noReason: '忽略 {rule} 必须写明理由：# cluster-disable-next-line {rule} -- <理由>；该指令不生效',
        noReasonCell: '例外说明的这一行缺少理由（C 列），不生效：忽略 {rule} 必须写明理由',
      },
      en: {
        noRule: 'the directive names no rule: write # cluster-disable-next-line <rule-id> -- <reason>',
        unknownRule: 'the directive names an unknown rule {rule} (see cluster rules); it is not applied',
        noReason: 'suppressing {rule} needs a reason: # cluster-disable-next-line {rule} -- <reason>; not applied',
        noReasonCell: 'this exceptions row has no reason (column C) and is not applied: suppressing {rule} needs one',
      },
    },
  },
  {
    id: 'suppression/unused',
    severity: 'warning',
    source: '—',
    description: { zh: '忽略指令没有匹配任何问题（问题已修正或位置不对），应删除', en: 'a suppression matches no finding (fixed, or in the wrong place): remove it' },
    messages: {
      zh: { unused: '忽略指令未匹配任何问题：第 {target} 行没有 {rule}，请删除此指令', unusedCell: '例外说明未匹配任何问题：{target} 没有 {rule}，请删除此行' },
      en: { unused: 'the suppression matches nothing: no {rule} on line {target}; remove it', unusedCell: 'the exception matches nothing: no {rule} at {target}; remove the row' },
    },
  },
];
