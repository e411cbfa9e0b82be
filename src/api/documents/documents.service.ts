import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, LessThanOrEqual } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { appendAdministrativeAudit } from '../../db/audit-append';
import { canReadProvince, readScopeOf } from '../../domain/read-scope';
import { checkProvince } from '../../domain/authorization';
import {
  buildAchievementReport,
  buildConferenceMinutes,
  buildCycleDecision,
  buildPledge,
  buildToTrinh,
  buildVoteCountMinutes,
  cycleAwardees,
  type BlocDocumentContext,
  type TemplateData,
} from '../../documents/builders';
import {
  DOCUMENT_KINDS,
  DOCUMENT_SPECS,
  DOCX_MIME,
  PDF_MIME,
  isDocumentKind,
  isTemplateKind,
  type DocumentFormat,
  type DocumentKind,
  type TemplateKind,
} from '../../documents/document-kinds';
import { converterAvailable, docxToPdf, PdfConversionFailed, PdfConverterUnavailable } from '../../documents/pdf';
import { renderDocx, TemplateRejected, validateTemplate } from '../../documents/render';
import {
  AssessmentScoreEntity,
  AwardHistoryEntity,
  CycleEntity,
  CycleEventEntity,
  DocumentTemplateEntity,
  ProvinceEntity,
  RuleSetEntity,
  UnitRatingEntity,
} from '../../entities';
import type { Actor } from '../../shared/actors';
import type { CycleState } from '../../shared/cycle-types';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { notFound, ReadScopeService } from '../common/read-scope.service';
import { todayInVietnam } from '../eligibility/eligibility.service';
import { APP_CONFIG } from '../temporal/temporal.module';

export const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

/** The built-in templates: templates/documents, next to src/ when run from TypeScript, one level up from dist/src/. */
function builtInTemplateDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../../templates/documents'),
    path.resolve(__dirname, '../../../../templates/documents'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'quyet-dinh.docx'))) ?? candidates[0];
}

export interface DocumentListItem {
  kind: DocumentKind;
  titleVi: string;
  available: boolean;
  availableWhenVi: string;
  /** For a document per nominee (báo cáo thành tích): the units it exists for. */
  unitCodes?: string[];
  pdfAvailable: boolean;
}

export interface RenderedDocument {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export interface TemplateVersionInfo {
  provinceCode: string;
  kind: TemplateKind;
  version: number;
  effectiveFrom: string;
  fileName: string;
  sha256: string;
  uploadedBy: string;
  createdAt: string;
}

export const ASCII_NAME = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The cycle's documents (src/documents): which exist at its step, each rendered from the province's template. */
@Injectable()
export class DocumentsService {
  private readonly builtIn = new Map<TemplateKind, Buffer>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ReadScopeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get pdfOptions() {
    return {
      soffice: this.config.documents?.soffice ?? process.env.SOFFICE_PATH ?? '/usr/bin/soffice',
      timeoutMs: this.config.documents?.pdfTimeoutMs ?? 60_000,
    };
  }

  builtInTemplate(kind: TemplateKind): Buffer {
    let found = this.builtIn.get(kind);
    if (!found) {
      found = readFileSync(path.join(builtInTemplateDir(), `${kind}.docx`));
      this.builtIn.set(kind, found);
    }
    return found;
  }

  private requireKind(kind: string): DocumentKind {
    if (!isDocumentKind(kind)) throw new DomainException(ErrorCode.DOCUMENT_KIND_NOT_FOUND, `no document kind ${kind}`);
    return kind;
  }

  private requireTemplateKind(kind: string): TemplateKind {
    if (!isTemplateKind(kind)) throw new DomainException(ErrorCode.DOCUMENT_KIND_NOT_FOUND, `no document kind ${kind}`);
    return kind;
  }

  private async loadState(actor: Actor, cycleId: string): Promise<CycleState> {
    await this.scope.requireCycle(actor, cycleId);
    const cycle = await this.dataSource.manager.findOne(CycleEntity, { where: { id: cycleId } });
    if (!cycle) throw notFound.cycle(cycleId);
    return cycle.state;
  }

  /** Whether a document exists at the cycle's step, and for which units (per-nominee documents). */
  private availability(state: CycleState, kind: DocumentKind): { available: boolean; unitCodes?: string[] } {
    switch (kind) {
      case 'giao-uoc':
        return { available: state.launch !== undefined };
      case 'bien-ban-hoi-nghi':
      case 'bien-ban-kiem-phieu':
        return { available: state.minutes !== undefined };
      case 'to-trinh':
        return { available: state.dossier !== undefined };
      case 'bao-cao-thanh-tich': {
        const unitCodes = state.minutes ? [...new Set(state.nominees.map((n) => n.unitCode))] : [];
        return { available: unitCodes.length > 0, unitCodes };
      }
      case 'quyet-dinh':
        return { available: cycleAwardees(state) !== undefined };
    }
  }

  async list(actor: Actor, cycleId: string): Promise<DocumentListItem[]> {
    const state = await this.loadState(actor, cycleId);
    const pdfAvailable = converterAvailable(this.pdfOptions.soffice);
    return DOCUMENT_KINDS.map((kind) => {
      const spec = DOCUMENT_SPECS[kind];
      const { available, unitCodes } = this.availability(state, kind);
      return {
        kind,
        titleVi: spec.titleVi,
        available,
        availableWhenVi: spec.availableWhenVi,
        ...(spec.perNominee ? { unitCodes: unitCodes ?? [] } : {}),
        pdfAvailable,
      };
    });
  }

  async render(
    actor: Actor,
    cycleId: string,
    kindText: string,
    format: DocumentFormat,
    unitCode?: string,
  ): Promise<RenderedDocument> {
    const kind = this.requireKind(kindText);
    const state = await this.loadState(actor, cycleId);
    const spec = DOCUMENT_SPECS[kind];
    const { available, unitCodes } = this.availability(state, kind);
    if (!available) {
      throw new DomainException(ErrorCode.DOCUMENT_NOT_AVAILABLE, `${kind} does not exist yet in phase ${state.phase}`, {
        messageVi: `${spec.titleVi} chưa có ở bước này: văn bản có ${spec.availableWhenVi}.`,
      });
    }
    if (spec.perNominee && (!unitCode || !unitCodes?.includes(unitCode))) {
      if (!unitCode) {
        throw new DomainException(ErrorCode.VALIDATION_FAILED, 'unitCode: required for a document per nominee', {
          messageVi: 'Cần chọn đơn vị (unitCode) được đề nghị khen thưởng.',
        });
      }
      throw notFound.unitInCycle(cycleId, unitCode);
    }
    const ctx = await this.context(state);
    const data = this.build(kind, ctx, unitCode);
    const template = await this.templateInForce(state.provinceCode, kind, ctx.today);
    const docx = renderDocx(template, data);
    const base = ASCII_NAME(`${kind}-${state.blocCode}-${state.year}${unitCode ? `-${unitCode}` : ''}`);
    if (format === 'docx') return { body: docx, contentType: DOCX_MIME, fileName: `${base}.docx` };
    return { body: await this.toPdf(docx), contentType: PDF_MIME, fileName: `${base}.pdf` };
  }

  /** DOCX → PDF, its failures as the API's refusals. */
  async toPdf(docx: Buffer): Promise<Buffer> {
    try {
      return await docxToPdf(docx, this.pdfOptions);
    } catch (err) {
      if (err instanceof PdfConverterUnavailable) {
        throw new DomainException(ErrorCode.PDF_CONVERTER_UNAVAILABLE, `${err.message}; install LibreOffice or set SOFFICE_PATH`);
      }
      if (err instanceof PdfConversionFailed) throw new DomainException(ErrorCode.PDF_CONVERSION_FAILED, err.message);
      throw err;
    }
  }

  private build(kind: DocumentKind, ctx: BlocDocumentContext, unitCode?: string): TemplateData {
    switch (kind) {
      case 'giao-uoc':
        return buildPledge(ctx);
      case 'bien-ban-hoi-nghi':
        return buildConferenceMinutes(ctx);
      case 'bien-ban-kiem-phieu':
        return buildVoteCountMinutes(ctx);
      case 'to-trinh':
        return buildToTrinh(ctx);
      case 'bao-cao-thanh-tich':
        return buildAchievementReport(ctx, unitCode as string);
      case 'quyet-dinh':
        return buildCycleDecision(ctx);
    }
  }

  /** What the builders need besides the state: names, legal basis, ratings, earlier awards, own scores. */
  private async context(state: CycleState): Promise<BlocDocumentContext> {
    const m = this.dataSource.manager;
    const units = state.units.map((u) => u.code);
    const province = await m.findOne(ProvinceEntity, { where: { code: state.provinceCode } });
    const version = (state.minutes?.rulesVersion ?? state.conference?.rulesVersion ?? state.rulesVersion).split('@')[0];
    const ruleSet = await m.findOne(RuleSetEntity, { where: { provinceCode: state.provinceCode, version } });
    const ratings = await m.find(UnitRatingEntity, { where: { unitCode: In(units), year: state.year } });
    const awards = await m.find(AwardHistoryEntity, {
      where: { unitCode: In(units), year: LessThan(state.year) },
      order: { year: 'DESC', decisionDate: 'DESC' },
    });
    const scores = await m.find(AssessmentScoreEntity, {
      where: { cycleId: state.cycleId, scorePhase: 'SELF' },
      order: { round: 'ASC' },
    });
    const selfScores: Record<string, Record<string, number>> = {};
    // Rounds ascend, so the last round a unit submitted wins.
    for (const s of scores) (selfScores[s.unitCode] ??= {})[s.criterionCode] = Number(s.points);
    const earlierAwards: BlocDocumentContext['earlierAwards'] = {};
    for (const a of awards) {
      (earlierAwards[a.unitCode] ??= []).push({
        year: a.year,
        awardName: a.awardName,
        decisionNumber: a.decisionNumber,
        decisionDate: a.decisionDate,
      });
    }
    return {
      state,
      provinceName: province?.name ?? state.provinceCode,
      legalBasis: ruleSet?.legalBasis ?? [],
      ratings: Object.fromEntries(ratings.map((r) => [r.unitCode, r.rating])),
      earlierAwards,
      selfScores,
      today: todayInVietnam(),
      signerNames: await this.signerNames(state),
    };
  }

  /** Who took the steps the cycle's papers are signed for, by the names their accounts carry. */
  private async signerNames(state: CycleState): Promise<NonNullable<BlocDocumentContext['signerNames']>> {
    const m = this.dataSource.manager;
    const actorOf = async (type: string, match?: (data: Record<string, unknown> | null) => boolean) => {
      const events = await m.find(CycleEventEntity, {
        where: { cycleId: state.cycleId, type },
        select: { actorUserId: true, data: true, occurredAt: true },
        order: { occurredAt: 'DESC' },
      });
      return (match ? events.find((e) => match(e.data)) : events[0])?.actorUserId ?? undefined;
    };
    const decisionNumber = cycleAwardees(state)?.number;
    const ids = {
      pledge: state.launch?.launchedBy,
      conference: state.minutes ? await actorOf('CONFERENCE_OPENED') : undefined,
      toTrinh: state.dossier?.submittedBy,
      decision: decisionNumber ? await actorOf('DECIDED', (d) => d?.decisionNumber === decisionNumber) : undefined,
    };
    const names = await displayNames(
      this.dataSource,
      Object.values(ids).filter((id): id is string => !!id),
    );
    return Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, id ? names[id] : undefined]));
  }

  /** The province's newest version in force on `day`, else the built-in template. */
  async templateInForce(provinceCode: string, kind: TemplateKind, day: string): Promise<Buffer> {
    const own = await this.dataSource.manager.findOne(DocumentTemplateEntity, {
      where: { provinceCode, kind, effectiveFrom: LessThanOrEqual(day) },
      order: { effectiveFrom: 'DESC', version: 'DESC' },
    });
    return own?.content ?? this.builtInTemplate(kind);
  }

  // ---- Templates as province data ----

  private requireProvinceRead(actor: Actor, provinceCode: string): void {
    if (!canReadProvince(readScopeOf(actor), provinceCode)) throw notFound.province(provinceCode);
  }

  private async requireProvince(provinceCode: string): Promise<void> {
    const found =
      /^[A-Za-z0-9_-]{1,32}$/.test(provinceCode) &&
      (await this.dataSource.manager.findOne(ProvinceEntity, { where: { code: provinceCode } }));
    if (!found) throw notFound.province(provinceCode);
  }

  async listTemplates(actor: Actor, provinceCode: string): Promise<TemplateVersionInfo[]> {
    this.requireProvinceRead(actor, provinceCode);
    await this.requireProvince(provinceCode);
    const rows = await this.dataSource.manager.find(DocumentTemplateEntity, {
      where: { provinceCode },
      select: {
        id: true,
        provinceCode: true,
        kind: true,
        version: true,
        effectiveFrom: true,
        fileName: true,
        sha256: true,
        uploadedBy: true,
        createdAt: true,
      },
      order: { kind: 'ASC', version: 'DESC' },
    });
    return rows.map(toInfo);
  }

  /** The template in force today (the province's own, or the built-in one), to edit in Word or LibreOffice. */
  async downloadTemplate(actor: Actor, provinceCode: string, kindText: string): Promise<RenderedDocument> {
    const kind = this.requireTemplateKind(kindText);
    this.requireProvinceRead(actor, provinceCode);
    await this.requireProvince(provinceCode);
    const body = await this.templateInForce(provinceCode, kind, todayInVietnam());
    return { body, contentType: DOCX_MIME, fileName: `mau-${kind}-${ASCII_NAME(provinceCode)}.docx` };
  }

  /** Checks the template whole before anything is written; a refusal names each bad placeholder. */
  async uploadTemplate(
    actor: Actor,
    provinceCode: string,
    kindText: string,
    file: { buffer: Buffer; name: string },
    effectiveFrom: string | undefined,
  ): Promise<TemplateVersionInfo> {
    const kind = this.requireTemplateKind(kindText);
    this.requireProvinceRead(actor, provinceCode);
    const scope = checkProvince(actor, provinceCode);
    if (!scope.ok) throw new DomainException(scope.code, scope.detail);
    await this.requireProvince(provinceCode);
    try {
      validateTemplate(kind, file.buffer);
    } catch (err) {
      if (!(err instanceof TemplateRejected)) throw err;
      const named = err.problems.map((p) => (p.placeholder ? `{${p.placeholder}}` : 'tệp')).join(', ');
      throw new DomainException(ErrorCode.TEMPLATE_INVALID, err.message, {
        messageVi: `Mẫu văn bản không hợp lệ tại ${named}; không có gì được lưu.`,
        problems: err.problems.map((p) => ({
          field: p.placeholder,
          message: `${p.problem}: ${p.explanation}`,
          messageVi: PROBLEM_VI[p.problem](p.placeholder),
        })),
      });
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const day = effectiveFrom ?? todayInVietnam();
    return this.dataSource.transaction(async (m) => {
      // The province row serialises uploads of one province, so two uploads never take the same version.
      await m.findOne(ProvinceEntity, { where: { code: provinceCode }, lock: { mode: 'pessimistic_write' } });
      const last = await m.findOne(DocumentTemplateEntity, {
        where: { provinceCode, kind },
        order: { version: 'DESC' },
        select: { id: true, version: true },
      });
      const row = await m.save(
        m.create(DocumentTemplateEntity, {
          provinceCode,
          kind,
          version: (last?.version ?? 0) + 1,
          effectiveFrom: day,
          content: file.buffer,
          fileName: file.name.normalize('NFC').slice(0, 300),
          sha256,
          uploadedBy: actor.userId,
        }),
      );
      await appendAdministrativeAudit(m, actor, {
        eventId: `document-template:${randomUUID()}`,
        type: 'DOCUMENT_TEMPLATE_UPLOADED',
        summaryVi: `Tải lên mẫu ${DOCUMENT_SPECS[kind].titleVi.toLowerCase()}, phiên bản ${row.version}, hiệu lực từ ${day}`,
        data: { provinceCode, kind, version: row.version, effectiveFrom: day, sha256 },
      });
      return toInfo(row);
    });
  }
}

/** The display names of accounts by their user ids (usernames), NFC; ids without an account are left out. */
export async function displayNames(dataSource: DataSource, userIds: string[]): Promise<Record<string, string>> {
  if (userIds.length === 0) return {};
  const rows: { username: string; display_name: string }[] = await dataSource.query(
    `SELECT username, display_name FROM users WHERE username = ANY($1)`,
    [[...new Set(userIds)]],
  );
  return Object.fromEntries(rows.map((r) => [r.username, r.display_name.normalize('NFC')]));
}

const PROBLEM_VI: Record<TemplateRejected['problems'][number]['problem'], (placeholder: string) => string> = {
  UNKNOWN_PLACEHOLDER: (p) => `Trường trộn {${p}} không có trong loại văn bản này.`,
  MISSING_PLACEHOLDER: (p) => `Mẫu thiếu trường trộn bắt buộc {${p}}.`,
  SYNTAX: (p) => `Thẻ trộn ${p ? `{${p}}` : ''} đóng mở không khớp hoặc viết sai.`,
  NOT_DOCX: () => 'Tệp không phải văn bản Word (.docx).',
};

function toInfo(row: DocumentTemplateEntity): TemplateVersionInfo {
  return {
    provinceCode: row.provinceCode,
    kind: row.kind as TemplateKind,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    fileName: row.fileName,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}
