import { readFileSync } from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';
import { TEMPLATE_KINDS } from '../../../src/documents/document-kinds';
import { docxToPdf, PdfConverterUnavailable } from '../../../src/documents/pdf';
import { TemplateRejected, validateTemplate } from '../../../src/documents/render';

const templates = path.resolve(__dirname, '../../../templates/documents');
const read = (kind: string) => readFileSync(path.join(templates, `${kind}.docx`));
const edit = (docx: Buffer, change: (xml: string) => string): Buffer => {
  const zip = new PizZip(docx);
  zip.file('word/document.xml', change(zip.file('word/document.xml')!.asText()));
  return zip.generate({ type: 'nodebuffer' });
};
const problemsOf = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateRejected) return err.problems;
    throw err;
  }
  return [];
};

describe('document templates (templates/documents, NĐ 30/2020 layout)', () => {
  it.each(TEMPLATE_KINDS)('given the built-in %s template, should pass its own check and keep the NĐ 30 layout', (kind) => {
    const docx = read(kind);
    expect(() => validateTemplate(kind, docx)).not.toThrow();
    const zip = new PizZip(docx);
    const xml = zip.file('word/document.xml')!.asText();
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(xml).toContain('Nơi nhận:');
    // A4; margins top/bottom 20 mm, left 30 mm, right 15 mm (twips); Times New Roman 14 pt by default.
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    expect(zip.file('word/styles.xml')!.asText()).toMatch(/Times New Roman[\s\S]*w:sz w:val="28"/);
  });

  it('given an unknown placeholder, a loop left open or a required placeholder removed, should name each', () => {
    const decision = read('quyet-dinh');
    expect(
      problemsOf(() =>
        validateTemplate(
          'quyet-dinh',
          edit(decision, (x) => x.replace('{proposer}', '{nguoiKy}')),
        ),
      ),
    ).toEqual([expect.objectContaining({ placeholder: 'nguoiKy', problem: 'UNKNOWN_PLACEHOLDER' })]);
    expect(
      problemsOf(() =>
        validateTemplate(
          'quyet-dinh',
          edit(decision, (x) => x.replace('{/annex}', '')),
        ),
      ),
    ).toEqual([expect.objectContaining({ placeholder: 'annex', problem: 'SYNTAX' })]);
    expect(
      problemsOf(() =>
        validateTemplate(
          'quyet-dinh',
          edit(decision, (x) => x.replace('{#annex}', '{#danhSach}').replace('{/annex}', '{/danhSach}')),
        ),
      ),
    ).toEqual([
      expect.objectContaining({ placeholder: 'danhSach', problem: 'UNKNOWN_PLACEHOLDER' }),
      expect.objectContaining({ placeholder: 'annex', problem: 'MISSING_PLACEHOLDER' }),
    ]);
    // A loop item's tag is known only inside its loop.
    expect(
      problemsOf(() =>
        validateTemplate(
          'quyet-dinh',
          edit(decision, (x) => x.replace('{proposer}', '{awardName}')),
        ),
      ),
    ).toEqual([expect.objectContaining({ placeholder: 'awardName', problem: 'UNKNOWN_PLACEHOLDER' })]);
    expect(problemsOf(() => validateTemplate('to-trinh', Buffer.from('PK\u0003\u0004 not a zip')))).toEqual([
      expect.objectContaining({ problem: 'NOT_DOCX' }),
    ]);
  });

  it('given no LibreOffice at the configured path, should say the converter is unavailable', async () => {
    await expect(docxToPdf(read('to-trinh'), { soffice: '/nonexistent/soffice', timeoutMs: 5_000 })).rejects.toBeInstanceOf(
      PdfConverterUnavailable,
    );
  });
});
