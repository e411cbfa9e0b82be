import { DECORATORS } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Keywords = Record<string, unknown>;

/** The schema keywords that say what a class-validator constraint enforces. */
function keywordsOf(name: string | undefined, c: unknown[]): Keywords | undefined {
  switch (name) {
    case 'matches': {
      const re = c[0] instanceof RegExp ? c[0] : new RegExp(String(c[0]), typeof c[1] === 'string' ? c[1] : undefined);
      // JSON Schema patterns have no flags: a case-insensitive pattern cannot be said as is.
      return re.flags.replace('u', '') === '' ? { pattern: re.source } : undefined;
    }
    case 'isIn':
      return { enum: [...(c[0] as unknown[])] };
    case 'isEnum':
      return { enum: Object.values(c[0] as object).filter((v) => typeof v === 'string') };
    case 'maxLength':
      return { maxLength: c[0] };
    case 'minLength':
      return { minLength: c[0] };
    case 'min':
      return { minimum: c[0] };
    case 'max':
      return { maximum: c[0] };
    case 'arrayMaxSize':
      return { maxItems: c[0] };
    case 'arrayMinSize':
      return { minItems: c[0] };
    case 'isInt':
      return { type: 'integer' };
    case 'isUuid':
      return { format: 'uuid' };
    default:
      return undefined;
  }
}

let done = false;

/**
 * Writes what the validators enforce (patterns, enums, lengths, bounds, array sizes, integers) into the OpenAPI
 * metadata of every documented DTO property, so that the document states the limits the server refuses requests
 * by, from the one place that enforces them. Keywords given explicitly in @ApiProperty win. Runs before the
 * document is built; constraints on each element of an array (`each: true`) are left to their description.
 */
export function documentValidators(): void {
  if (done) return;
  done = true;
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, ValidationMetadata[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    if (typeof target !== 'function') continue;
    const prototype = (target as { prototype: object }).prototype;
    for (const m of metadatas) {
      if (m.each) continue;
      const keywords = keywordsOf(m.name, m.constraints ?? []);
      if (!keywords) continue;
      const existing = Reflect.getOwnMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, m.propertyName) as Keywords | undefined;
      if (!existing) continue; // not a documented property of this class
      if (existing.isArray && ('pattern' in keywords || 'maxLength' in keywords)) continue;
      const missing = Object.fromEntries(Object.entries(keywords).filter(([k]) => existing[k] === undefined || k === 'type'));
      if (missing.type === 'integer' && existing.type !== Number && existing.type !== 'number') delete missing.type;
      Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES, { ...existing, ...missing }, prototype, m.propertyName);
    }
  }
}
