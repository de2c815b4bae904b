// Stand-in documents for pack() in tests: three one-page PDFs and a workbook-shaped blob, so a test
// exercises pack's own work (evidence, listing, manifest, zip) without rendering the forms.
// Plain JavaScript: also loaded by pack-child.mjs, which runs the built code under a small heap.

/** @param {Buffer} [pdf] the bytes of each PDF (default: a minimal one-page PDF) */
export function stubArtifacts(pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')) {
  return {
    async pdfs() {
      return [
        { name: '附件2 申报表.pdf', title: '申报表', data: pdf, pages: 1 },
        { name: '附件1 汇总表.pdf', title: '汇总表', data: pdf, pages: 1 },
        { name: '自评报告.pdf', title: '自评报告', data: pdf, pages: 1 },
      ];
    },
    async xlsx() {
      return Buffer.from('PK\x03\x04 stub workbook', 'latin1');
    },
  };
}
