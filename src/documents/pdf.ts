import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export class PdfConverterUnavailable extends Error {}
export class PdfConversionFailed extends Error {}

export interface PdfOptions {
  /** The soffice binary (SOFFICE_PATH; /usr/bin/soffice by default). */
  soffice: string;
  timeoutMs: number;
}

export const converterAvailable = (soffice: string): boolean => existsSync(soffice);

/**
 * DOCX → PDF with LibreOffice headless. Each call gets its own directory and its own LibreOffice profile
 * (-env:UserInstallation): soffice refuses, or hands the work to, another instance that shares a profile, so
 * concurrent conversions must not share one. The directory goes away whatever happens.
 */
export async function docxToPdf(docx: Buffer, options: PdfOptions): Promise<Buffer> {
  if (!converterAvailable(options.soffice)) throw new PdfConverterUnavailable(`${options.soffice} does not exist`);
  const dir = await mkdtemp(path.join(tmpdir(), 'thidua-pdf-'));
  try {
    const input = path.join(dir, 'document.docx');
    await writeFile(input, docx);
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    await new Promise<void>((resolve, reject) => {
      execFile(
        options.soffice,
        [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input],
        { timeout: options.timeoutMs, killSignal: 'SIGKILL', env: { ...process.env, HOME: dir } },
        (err, _stdout, stderr) => {
          if (err) {
            const reason = err.killed ? `timed out after ${options.timeoutMs} ms` : String(stderr || err.message).slice(0, 500);
            reject(new PdfConversionFailed(reason));
          } else resolve();
        },
      );
    });
    const output = path.join(dir, 'document.pdf');
    if (!existsSync(output)) throw new PdfConversionFailed('LibreOffice wrote no PDF');
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
