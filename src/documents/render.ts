import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';
import { DOCUMENT_SPECS, type TemplateKind, type TagSpec } from './document-kinds';

/** Why a template is refused: the placeholder at fault and what is wrong with it. */
export interface TemplateProblem {
  placeholder: string;
  problem: 'UNKNOWN_PLACEHOLDER' | 'MISSING_PLACEHOLDER' | 'SYNTAX' | 'NOT_DOCX';
  explanation: string;
}

export class TemplateRejected extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => `${p.placeholder}: ${p.explanation}`).join('; '));
  }
}

interface Tag {
  name: string;
  loop: boolean;
  children: Tag[];
}

interface DocxtemplaterPart {
  type: string;
  value: string;
  subparsed?: DocxtemplaterPart[];
}

interface DocxtemplaterError {
  properties?: {
    id?: string;
    xtag?: string;
    explanation?: string;
    errors?: DocxtemplaterError[];
  };
  message?: string;
}

// A value a builder left out prints as nothing rather than "undefined".
const OPTIONS = { paragraphLoop: true, linebreaks: true, nullGetter: () => '', errorLogging: false } as const;

/** Collects the placeholders docxtemplater parsed (its inspect module needs lodash, which is not installed). */
function tagCollector(): {
  tags: Tag[];
  module: { name: string; set(o: { inspect?: { postparsed?: DocxtemplaterPart[] } }): void };
} {
  const tags: Tag[] = [];
  const walk = (parts: DocxtemplaterPart[]): Tag[] =>
    parts
      .filter((p) => p.type === 'placeholder')
      .map((p) => ({ name: p.value, loop: p.subparsed !== undefined, children: p.subparsed ? walk(p.subparsed) : [] }));
  return {
    tags,
    module: {
      name: 'TagCollector',
      set(o) {
        if (o.inspect?.postparsed) tags.push(...walk(o.inspect.postparsed));
      },
    },
  };
}

function syntaxProblems(err: unknown): TemplateProblem[] {
  const e = err as DocxtemplaterError;
  const all = e.properties?.errors?.length ? e.properties.errors : [e];
  return all.map((x) => ({
    placeholder: x.properties?.xtag ?? '',
    problem: 'SYNTAX' as const,
    explanation: x.properties?.explanation ?? x.message ?? 'invalid template',
  }));
}

function compile(template: Buffer, modules: unknown[] = []): Docxtemplater {
  // Required on first use: only the document routes render, the rest of the API need not carry them.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const Zip = require('pizzip') as typeof PizZip;
  const Templater = require('docxtemplater') as typeof Docxtemplater;
  /* eslint-enable @typescript-eslint/no-require-imports */
  let zip: PizZip;
  try {
    zip = new Zip(template);
  } catch {
    throw new TemplateRejected([{ placeholder: '', problem: 'NOT_DOCX', explanation: 'the file is not a .docx (zip) document' }]);
  }
  if (!zip.file('word/document.xml')) {
    throw new TemplateRejected([{ placeholder: '', problem: 'NOT_DOCX', explanation: 'the file has no word/document.xml' }]);
  }
  try {
    return new Templater(zip, { ...OPTIONS, modules: modules as never });
  } catch (err) {
    throw new TemplateRejected(syntaxProblems(err));
  }
}

/**
 * Checks a template against its kind: it compiles (balanced tags), every placeholder is one the kind's data has (in
 * its loop or any enclosing scope), and every required placeholder is there. Throws TemplateRejected naming them.
 */
export function validateTemplate(kind: TemplateKind, template: Buffer): void {
  const collector = tagCollector();
  compile(template, [collector.module]);
  const spec = DOCUMENT_SPECS[kind];
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  const visit = (tags: Tag[], scopes: TagSpec[], path: string[]) => {
    for (const tag of tags) {
      const found = [...scopes].reverse().find((s) => tag.name in s);
      const full = [...path, tag.name].join('.');
      if (!found) {
        problems.push({
          placeholder: tag.name,
          problem: 'UNKNOWN_PLACEHOLDER',
          explanation: `{${tag.name}} is not a placeholder of ${kind}${path.length ? ` (inside {#${path.join('}{#')}})` : ''}`,
        });
        continue;
      }
      if (path.length === 0 || scopes.length === 1 || found === scopes[0]) seen.add(tag.name);
      seen.add(full);
      const entry = found[tag.name];
      if (tag.loop) visit(tag.children, typeof entry === 'object' ? [...scopes, entry] : scopes, [...path, tag.name]);
    }
  };
  visit(collector.tags, [spec.tags], []);
  for (const name of spec.required) {
    if (!seen.has(name)) {
      problems.push({ placeholder: name, problem: 'MISSING_PLACEHOLDER', explanation: `{${name}} is required in ${kind}` });
    }
  }
  if (problems.length > 0) throw new TemplateRejected(problems);
}

/** Fills a (validated) template with the builder's data. */
export function renderDocx(template: Buffer, data: Record<string, unknown>): Buffer {
  const doc = compile(template);
  doc.render(data);
  const zip = doc.getZip() as PizZip;
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
