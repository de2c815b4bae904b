/**
 * The generated documents of the package: the three PDFs (附件2, 附件1, 自评报告) from the renderer
 * and the filled Excel workbook. Loaded lazily (pdfkit and exceljs are heavy); replaceable in tests.
 */
import type { RenderInput, RenderedPdf } from '../render/index.js';

export type { RenderedPdf };

/** What rendering needs is what the artifacts need. */
export type ArtifactInput = RenderInput;

export interface ArtifactProvider {
  pdfs(input: ArtifactInput): Promise<RenderedPdf[]>;
  xlsx(input: ArtifactInput): Promise<Buffer>;
}

export const defaultArtifacts: ArtifactProvider = {
  async pdfs(input) {
    const { renderAll } = await import('../render/index.js');
    return renderAll(input);
  },
  async xlsx(input) {
    const { templateBytes } = await import('../xlsx/template.js');
    return templateBytes({
      years: { dataYears: [...input.profile.dataYears], targetYear: input.profile.targetYear },
      profileId: input.profile.id,
      data: input.loaded.data,
      date: input.date,
    });
  },
};
