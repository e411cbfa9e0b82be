import { EXTENSIONS, type AllowedContentType } from './file-type';

const MAX_NAME = 200;

/**
 * The name an uploaded file is kept and offered under: only its last path segment (no directory, so no traversal
 * through `../` or `C:\`), in Unicode NFC, without control or bidirectional-override characters and without the
 * characters Windows refuses, no leading dots, at most 200 characters, and ending in an extension of its real type.
 */
export function sanitiseFileName(raw: string, contentType: AllowedContentType): string {
  const lastSegment = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  const extensions = EXTENSIONS[contentType];
  const lower = name.toLowerCase();
  if (!extensions.some((ext) => lower.endsWith(ext))) name = `${name || 'tep'}${extensions[0]}`;
  if (name.length > MAX_NAME) {
    const ext = name.slice(name.lastIndexOf('.'));
    name = `${name.slice(0, MAX_NAME - ext.length)}${ext}`;
  }
  return name;
}

/** A Content-Disposition value that survives any name: an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
