import { api, download, upload } from './client';
import type { Ok } from './endpoints';

// The province's document templates (its own versions; the built-in one where it has none).
export type TemplateVersion = Ok<'/v1/provinces/{provinceCode}/document-templates', 'get'>[number];

const templatesPath = (provinceCode: string, kind?: string) =>
  `/v1/provinces/${encodeURIComponent(provinceCode)}/document-templates${kind ? `/${encodeURIComponent(kind)}` : ''}`;

export const listTemplates = (provinceCode: string) =>
  api<Ok<'/v1/provinces/{provinceCode}/document-templates', 'get'>>('GET', templatesPath(provinceCode));
export const downloadTemplate = (provinceCode: string, kind: string) =>
  download(templatesPath(provinceCode, kind), `mau-${kind}-${provinceCode}.docx`);
/** A changed template: checked whole by the server (each bad placeholder named), in force from today. */
export const uploadTemplate = (provinceCode: string, kind: string, file: File) =>
  upload<TemplateVersion>(templatesPath(provinceCode, kind), file, () => {});
