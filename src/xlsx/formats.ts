/**
 * The one message for spreadsheets that are not .xlsx workbooks (.xls, .et, .ods, .xlsm, .xlsb, …),
 * whether recognised by the file name or by the content, with how to save as .xlsx in Excel, WPS
 * and LibreOffice. Light on purpose: the loader imports it before deciding what a file is.
 */
import type { Msg } from '../errors.js';

/** Spreadsheet extensions other than .xlsx, with what they are. */
export const OTHER_SPREADSHEETS: Readonly<Record<string, { zh: string; en: string }>> = {
  '.xls': { zh: 'Excel 97-2003 工作簿（.xls）', en: 'an Excel 97-2003 workbook (.xls)' },
  '.et': { zh: 'WPS 表格文件（.et）', en: 'a WPS Spreadsheets file (.et)' },
  '.ett': { zh: 'WPS 表格模板（.ett）', en: 'a WPS Spreadsheets template (.ett)' },
  '.ods': { zh: 'OpenDocument 电子表格（.ods）', en: 'an OpenDocument spreadsheet (.ods)' },
  '.fods': { zh: 'OpenDocument 电子表格（.fods）', en: 'an OpenDocument spreadsheet (.fods)' },
  '.xlsm': { zh: '启用宏的 Excel 工作簿（.xlsm）', en: 'a macro-enabled Excel workbook (.xlsm)' },
  '.xlsb': { zh: 'Excel 二进制工作簿（.xlsb）', en: 'an Excel binary workbook (.xlsb)' },
  '.xltx': { zh: 'Excel 模板（.xltx）', en: 'an Excel template (.xltx)' },
  '.xltm': { zh: '启用宏的 Excel 模板（.xltm）', en: 'a macro-enabled Excel template (.xltm)' },
  '.xlt': { zh: 'Excel 97-2003 模板（.xlt）', en: 'an Excel 97-2003 template (.xlt)' },
  '.xlam': { zh: 'Excel 加载项（.xlam）', en: 'an Excel add-in (.xlam)' },
  '.numbers': { zh: 'Numbers 表格（.numbers）', en: 'a Numbers spreadsheet (.numbers)' },
  '.csv': { zh: 'CSV 文本（.csv）', en: 'a CSV text file (.csv)' },
  '.wps': { zh: 'WPS 文字文件（.wps）', en: 'a WPS Writer file (.wps)' },
};

/** How to save as .xlsx, in each program an office uses. */
const HOW_ZH =
  '请另存为 Excel 工作簿（.xlsx）后再试：Excel 中"文件 → 另存为"，保存类型选"Excel 工作簿(*.xlsx)"；WPS 中"文件 → 另存为"，文件类型选"Microsoft Excel 文件(*.xlsx)"；LibreOffice 中"文件 → 另存为"，文件类型选"Excel 2007-365 (.xlsx)"，并选"使用 Excel 2007-365!"';
const HOW_EN =
  'save it as an Excel workbook (.xlsx) and try again: in Excel, File → Save As, type "Excel Workbook (*.xlsx)"; in WPS, File → Save As, type "Microsoft Excel 文件(*.xlsx)"; in LibreOffice, File → Save As, type "Excel 2007-365 (.xlsx)", then "Use Excel 2007-365!"';

/** The refusal for a spreadsheet that is not an .xlsx workbook; `what` says what it is, if known. */
export function notXlsxMessage(what?: { zh: string; en: string }, extra?: { zh: string; en: string }): Msg {
  const zh = `${what ? `这是${what.zh}，` : '这不是 .xlsx 工作簿，'}本工具只读取 .xlsx 工作簿${extra ? `（${extra.zh}）` : ''}：${HOW_ZH}`;
  const en = `${what ? `this is ${what.en}; ` : 'this is not an .xlsx workbook; '}only .xlsx workbooks are read${extra ? ` (${extra.en})` : ''}: ${HOW_EN}`;
  return { zh, en };
}

/** The message for a file name whose extension is another spreadsheet format, else undefined. */
export function otherSpreadsheetByName(file: string): Msg | undefined {
  const m = /(\.[A-Za-z]+)$/.exec(file);
  const what = m ? OTHER_SPREADSHEETS[m[1]!.toLowerCase()] : undefined;
  return what ? notXlsxMessage(what) : undefined;
}
