/**
 * The generated documents of the package: the three PDFs (附件2, 附件1, 自评报告) from the renderer
 * and the filled Excel workbook. Loaded lazily (pdfkit and exceljs are heavy); replaceable in tests.
 */
import type { Lang } from '../catalogue/index.js';
import type { FileResult } from '../findings.js';
import type { LoadedFiling } from '../load/index.js';
import type { Profile } from '../profile.js';

export interface RenderedPdf {
  /** File name, e.g. "附件2 中小企业特色产业集群申报表.pdf". */
  name: string;
  title: string;
  data: Buffer;
  pages: number;
}

export interface ArtifactInput {
  loaded: LoadedFiling;
  profile: Profile;
  lang: Lang;
  result: FileResult;
  date: Date;
  fonts?: { regular?: string; bold?: string };
}

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
