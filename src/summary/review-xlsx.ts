/** The review summary (./review.ts) as a workbook: the CLI's face (exceljs and the zip restamp are Node's). */
import type { ReviewSummary } from './review.js';

export async function reviewSummaryXlsxBytes(s: ReviewSummary, date: Date): Promise<Buffer> {
  const { newWorkbook, restampZip } = await import('./xlsx.js');
  const wb = await newWorkbook(s.title, date);
  const ws = wb.addWorksheet('复核汇总', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: '3:3' },
    headerFooter: { oddFooter: '&C第 &P 页 共 &N 页' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  const widths = [6, 30, 22, 30, 14, 60, 12];
  ws.columns = widths.map((w) => ({ width: w }));
  const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = s.title;
  ws.getCell('A1').font = { name: '宋体', size: 14, bold: true };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells('A2:G2');
  ws.getCell('A2').value = s.note;
  ws.getCell('A2').font = { name: '宋体', size: 9 };
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(2).height = 42;
  [s.columns, ...s.cells].forEach((r, k) => {
    const row = ws.getRow(3 + k);
    r.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = k > 0 && (i === 0 || i === 6) ? Number(v) : v;
      c.font = { name: '宋体', size: 11, bold: k === 0 };
      c.border = border;
      c.alignment = { horizontal: k > 0 && (i === 3 || i === 5) ? 'left' : 'center', vertical: 'middle', wrapText: true };
    });
  });
  return restampZip(Buffer.from(await wb.xlsx.writeBuffer()), date);
}
