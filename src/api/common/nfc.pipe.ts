import { Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** No request of this API nests deeper than a few levels; a deeper one is refused before it is walked. */
export const MAX_DEPTH = 32;

/**
 * Runs before validation on the body, the path parameters and the query: every string is normalised to NFC
 * (so "Hội" typed with combining marks is stored as the precomposed form), control characters are refused
 * (PostgreSQL refuses NUL in text, so one must never reach a query), and so is nesting beyond MAX_DEPTH.
 */
export function normaliseStrings(value: unknown, path = 'body', depth = 0): unknown {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) throw new DomainException(ErrorCode.VALIDATION_FAILED, `${path} contains a control character`);
    return value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH)
    throw new DomainException(ErrorCode.VALIDATION_FAILED, `${path} is nested more than ${MAX_DEPTH} levels deep`);
  if (Array.isArray(value)) return value.map((v, i) => normaliseStrings(v, `${path}[${i}]`, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseStrings(v, `${path}.${k}`, depth + 1)]));
}

const CHECKED = new Set(['body', 'param', 'query']);

@Injectable()
export class NfcPipe implements PipeTransform {
  transform(value: unknown, metadata: { type: string; data?: string }): unknown {
    if (!CHECKED.has(metadata.type)) return value;
    return normaliseStrings(value, metadata.data ? `${metadata.type}.${metadata.data}` : metadata.type);
  }
}
