/**
 * The generated documents of the package: the three PDFs (附件2, 附件1, 自评报告) from the renderer,
 * 附件2 and 附件1 as editable Word documents, and the filled Excel workbook. Loaded lazily (pdfkit and exceljs are heavy); replaceable in tests.
 */
import type { RenderInput, RenderedPdf } from '../render/index.js';

export type { RenderedPdf };

/** What rendering needs is what the artifacts need. */
export type ArtifactInput = RenderInput;

/** An editable Word document: 附件2 or the 附件1 row. */
export interface RenderedDocx {
  name: string;
  title: string;
  data: Uint8Array;
}

export interface ArtifactProvider {
  pdfs(input: ArtifactInput): Promise<RenderedPdf[]>;
  xlsx(input: ArtifactInput): Promise<Uint8Array>;
  /** 附件2 and 附件1 as .docx, packed beside their PDFs (a provider without it packs none). */
  docx?(input: ArtifactInput): Promise<RenderedDocx[]>;
}

export const defaultArtifacts: ArtifactProvider = {
  async pdfs(input) {
    const { renderAll } = await import('../render/index.js');
    return renderAll(input);
  },
  async docx(input) {
    const { renderDocx } = await import('../docx/index.js');
    return renderDocx({ data: input.loaded.data, profile: input.profile, date: input.date, errors: input.result.summary.error, lang: input.lang });
  },
  async xlsx(input) {
    // The workbook core with the one deflate (the CLI's `template` writes the same bytes).
    const [{ templateZip }, { deflateRaw }] = await Promise.all([import('../xlsx/template.js'), import('../deflate.js')]);
    return templateZip({
      years: { dataYears: [...input.profile.dataYears], targetYear: input.profile.targetYear },
      profileId: input.profile.id,
      data: input.loaded.data,
      date: input.date,
    }, (d) => deflateRaw(d, 6));
  },
};
