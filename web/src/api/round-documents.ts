import { api, download, fetchBlob } from './client';
import type { Ok } from './endpoints';

// The province round's papers (NĐ 30/2020 format): which exist now, each as Word or PDF, and a PDF to preview.
export type RoundDocument = Ok<'/v1/rounds/{roundId}/documents', 'get'>[number];

/** "125/QĐ-UBND" → "125-QD-UBND": a file name every system keeps. */
const asciiName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9-]+/g, '-');

const roundPath = (roundId: string, rest: string) => `/v1/rounds/${encodeURIComponent(roundId)}${rest}`;

function documentPath(roundId: string, kind: string, format: 'docx' | 'pdf', parameter?: string, instance?: string): string {
  const query = new URLSearchParams({ format });
  if (parameter && instance) query.set(parameter, instance);
  return roundPath(roundId, `/documents/${encodeURIComponent(kind)}?${query.toString()}`);
}

export const listRoundDocuments = (roundId: string) =>
  api<Ok<'/v1/rounds/{roundId}/documents', 'get'>>('GET', roundPath(roundId, '/documents'));

export const downloadRoundDocument = (
  roundId: string,
  kind: string,
  format: 'docx' | 'pdf',
  parameter?: string,
  instance?: string,
) =>
  download(
    documentPath(roundId, kind, format, parameter, instance),
    `${kind}${instance ? `-${asciiName(instance)}` : ''}.${format}`,
  );

export const roundDocumentPdf = (roundId: string, kind: string, parameter?: string, instance?: string) =>
  fetchBlob(documentPath(roundId, kind, 'pdf', parameter, instance));
