/** Drawing laid-out lines and vector checkboxes onto a pdfkit document. */
import type { LoadedFont } from './fonts.js';
import type { Line, Span } from './lines.js';

type PdfFontSource = PDFKit.Mixins.PDFFontSource;

/** Draw a checkbox square (and a tick when checked) with its top-left corner at (x, y). */
export function drawCheckbox(pdf: PDFKit.PDFDocument, x: number, y: number, side: number, checked: boolean, color = '#000000'): void {
  pdf.save();
  pdf.lineWidth(Math.max(0.5, side * 0.075)).strokeColor(color);
  pdf.rect(x, y, side, side).stroke();
  if (checked) {
    pdf
      .lineWidth(Math.max(0.8, side * 0.13))
      .lineCap('round')
      .lineJoin('round')
      .moveTo(x + side * 0.2, y + side * 0.5)
      .lineTo(x + side * 0.42, y + side * 0.74)
      .lineTo(x + side * 0.82, y + side * 0.24)
      .stroke();
  }
  pdf.restore();
}

export interface PaintOptions {
  /**
   * Write an invisible "√" (checked) or "□" (unchecked) at each checkbox so that copied or extracted text
   * shows the state. Default true.
   */
  checkboxMarkers?: boolean;
  /** Font used for the invisible markers. */
  markerFont?: LoadedFont;
}

function setFont(pdf: PDFKit.PDFDocument, span: Extract<Span, { kind: 'text' }>): void {
  pdf.font(span.font.font as unknown as PdfFontSource, span.font.key, span.size);
}

/** Draw one line with its top-left at (x, top). */
export function paintLine(pdf: PDFKit.PDFDocument, line: Line, x: number, top: number, opts: PaintOptions = {}): void {
  const baseY = top + line.baseline;
  for (const span of line.spans) {
    if (span.kind === 'text') {
      setFont(pdf, span);
      pdf.fillColor(span.color);
      const textOpts: PDFKit.Mixins.TextOptions = { lineBreak: false, baseline: 'alphabetic' };
      if (span.charSpacing) textOpts.characterSpacing = span.charSpacing;
      if (span.fakeBold) {
        pdf.save();
        pdf.lineWidth(span.size * 0.035).strokeColor(span.color);
        pdf.text(span.text, x + span.x, baseY, { ...textOpts, fill: true, stroke: true });
        pdf.restore();
      } else {
        pdf.text(span.text, x + span.x, baseY, textOpts);
      }
      if (span.underline) {
        const uy = baseY + span.size * 0.14;
        pdf.save().lineWidth(Math.max(0.5, span.size * 0.05)).strokeColor(span.color);
        pdf.moveTo(x + span.x, uy).lineTo(x + span.x + span.width, uy).stroke();
        pdf.restore();
      }
    } else if (span.kind === 'checkbox') {
      drawCheckbox(pdf, x + span.x, top + span.top, span.side, span.checked, span.color);
      if (opts.checkboxMarkers !== false && opts.markerFont) {
        const f = opts.markerFont;
        pdf.save();
        pdf.font(f.font as unknown as PdfFontSource, f.key, span.side);
        pdf.fillOpacity(0);
        pdf.text(span.checked ? '√' : '□', x + span.x, top + span.top + span.side * 0.88, {
          lineBreak: false,
          baseline: 'alphabetic',
        });
        pdf.restore();
      }
    } else {
      const uy = baseY + 2;
      pdf.save().lineWidth(0.6).strokeColor(span.color);
      pdf.moveTo(x + span.x, uy).lineTo(x + span.x + span.width, uy).stroke();
      pdf.restore();
    }
  }
}

/** Draw lines stacked from (x, top); returns the total height. */
export function paintLines(pdf: PDFKit.PDFDocument, lines: readonly Line[], x: number, top: number, opts: PaintOptions = {}): number {
  let y = top;
  for (const l of lines) {
    paintLine(pdf, l, x, y, opts);
    y += l.height;
  }
  return y - top;
}
