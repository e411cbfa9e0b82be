import { Injectable, type PipeTransform } from '@nestjs/common';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from './domain.exception';

// C0 controls except tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Runs before validation: every string in the body is normalised to NFC (so "Hội" typed with combining
 * marks is stored as the precomposed form) and control characters are refused.
 */
export function normaliseStrings(value: unknown, path = 'body'): unknown {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) throw new DomainException(ErrorCode.VALIDATION_FAILED, `${path} contains a control character`);
    return value.normalize('NFC');
  }
  if (Array.isArray(value)) return value.map((v, i) => normaliseStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseStrings(v, `${path}.${k}`)]));
  }
  return value;
}

@Injectable()
export class NfcPipe implements PipeTransform {
  transform(value: unknown, metadata: { type: string }): unknown {
    return metadata.type === 'body' ? normaliseStrings(value) : value;
  }
}
