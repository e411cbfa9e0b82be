import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RoundView } from '../../domain/round/types';
import { DOCUMENT_SPECS, DOCX_MIME, isRoundDocumentKind, PDF_MIME, ROUND_DOCUMENT_KINDS } from '../../documents/document-kinds';
import type { DocumentFormat, RoundDocumentKind } from '../../documents/document-kinds';
import { converterAvailable } from '../../documents/pdf';
import { renderDocx } from '../../documents/render';
import {
  appraisedItems,
  buildCouncilMinutes,
  buildRoundDecision,
  buildRoundToTrinh,
  buildUpwardToTrinh,
  endedSessions,
  type RoundDocumentContext,
} from '../../documents/round-builders';
import { shortDate } from '../../documents/vi-format';
import type { Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { DomainException } from '../common/domain.exception';
import { todayInVietnam } from '../eligibility/eligibility.service';
import { RoundsService } from '../rounds/rounds.service';
import { ASCII_NAME, displayNames, DocumentsService, type RenderedDocument } from './documents.service';

export type RoundDocumentParameter = 'sessionId' | 'decisionNumber' | 'submissionId';

export interface RoundDocumentInstance {
  /** The value of the kind's parameter (a session id, a decision's number, a submission id). */
  id: string;
  labelVi: string;
}

export interface RoundDocumentListItem {
  kind: RoundDocumentKind;
  titleVi: string;
  available: boolean;
  availableWhenVi: string;
  /** The query parameter naming one of several (absent for the round's single tờ trình). */
  parameter?: RoundDocumentParameter;
  instances: RoundDocumentInstance[];
  pdfAvailable: boolean;
}

export interface RoundDocumentQuery {
  sessionId?: string;
  decisionNumber?: string;
  submissionId?: string;
}

const SESSION_STATUS_VI = { OPEN: 'đang họp', ADJOURNED: 'hoãn', CLOSED: 'bế mạc' } as const;

/** The round's instances of each kind that exist now: the papers are generated from its state, never stored. */
function instancesOf(round: RoundView, kind: RoundDocumentKind): RoundDocumentInstance[] {
  switch (kind) {
    case 'to-trinh-de-nghi-khen-thuong': {
      const last = round.appraisal.approvals[round.appraisal.approvals.length - 1];
      return last && appraisedItems(round).length > 0
        ? [{ id: 'to-trinh', labelVi: `Kết quả thẩm định duyệt ngày ${shortDate(last.on)}` }]
        : [];
    }
    case 'bien-ban-hop-hoi-dong':
      return endedSessions(round).map((s) => ({
        id: s.id,
        labelVi: `Phiên ${round.sessions.indexOf(s) + 1}, ngày ${shortDate(s.sessionDate)} (${SESSION_STATUS_VI[s.status]})`,
      }));
    case 'quyet-dinh-khen-thuong':
      return round.decisions.map((d) => ({ id: d.number, labelVi: `Quyết định số ${d.number} ngày ${shortDate(d.date)}` }));
    case 'to-trinh-co-thi-dua-chinh-phu':
      return round.submissions.map((s) => ({
        id: s.id,
        labelVi: `Tờ trình số ${s.toTrinh.number} ngày ${shortDate(s.toTrinh.date)}`,
      }));
  }
}

/** The papers of the province's award round, rendered like the cycle's from the province's templates in force. */
@Injectable()
export class RoundDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rounds: RoundsService,
    private readonly documents: DocumentsService,
  ) {}

  async list(actor: Actor, roundId: string): Promise<RoundDocumentListItem[]> {
    const round = await this.rounds.requireRound(actor, roundId);
    const pdfAvailable = converterAvailable(this.documents.pdfOptions.soffice);
    return ROUND_DOCUMENT_KINDS.map((kind) => {
      const spec = DOCUMENT_SPECS[kind];
      const instances = instancesOf(round, kind);
      return {
        kind,
        titleVi: spec.titleVi,
        available: instances.length > 0,
        availableWhenVi: spec.availableWhenVi,
        ...(spec.per ? { parameter: spec.per } : {}),
        instances,
        pdfAvailable,
      };
    });
  }

  async render(
    actor: Actor,
    roundId: string,
    kindText: string,
    format: DocumentFormat,
    query: RoundDocumentQuery,
  ): Promise<RenderedDocument> {
    if (!isRoundDocumentKind(kindText)) {
      throw new DomainException(ErrorCode.DOCUMENT_KIND_NOT_FOUND, `no document kind ${kindText} of a round`);
    }
    const kind = kindText;
    const round = await this.rounds.requireRound(actor, roundId);
    const spec = DOCUMENT_SPECS[kind];
    const instances = instancesOf(round, kind);
    const instance = this.pick(round, kind, instances, query);
    const ctx = await this.context(round);
    const data =
      kind === 'to-trinh-de-nghi-khen-thuong'
        ? buildRoundToTrinh(ctx)
        : kind === 'bien-ban-hop-hoi-dong'
          ? buildCouncilMinutes(ctx, instance)
          : kind === 'quyet-dinh-khen-thuong'
            ? buildRoundDecision(ctx, instance)
            : buildUpwardToTrinh(ctx, instance);
    const template = await this.documents.templateInForce(round.provinceCode, kind, todayInVietnam());
    const docx = renderDocx(template, data);
    const base = ASCII_NAME(`${kind}-${round.provinceCode}-${round.year}-${round.n}${spec.per ? `-${instance}` : ''}`);
    if (format === 'docx') return { body: docx, contentType: DOCX_MIME, fileName: `${base}.docx` };
    return { body: await this.documents.toPdf(docx), contentType: PDF_MIME, fileName: `${base}.pdf` };
  }

  /** Which one of the kind's documents is asked for: named by its parameter, or the only one there is. */
  private pick(round: RoundView, kind: RoundDocumentKind, instances: RoundDocumentInstance[], query: RoundDocumentQuery): string {
    const spec = DOCUMENT_SPECS[kind];
    const notYet = (detail: string, messageVi: string) =>
      new DomainException(ErrorCode.DOCUMENT_NOT_AVAILABLE, detail, { messageVi });
    const param = spec.per;
    const asked = param ? query[param]?.trim() : undefined;
    const stray = (Object.keys(query) as (keyof RoundDocumentQuery)[]).filter((k) => k !== param && query[k] !== undefined);
    if (stray.length > 0) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `${stray.join(', ')}: not a parameter of ${kind}`, {
        messageVi: `Tham số ${stray.join(', ')} không dùng cho văn bản này.`,
      });
    }
    if (asked) {
      if (param === 'sessionId') {
        const session = round.sessions.find((s) => s.id === asked);
        if (!session) throw new DomainException(ErrorCode.SESSION_NOT_FOUND, `no session ${asked} in ${round.roundId}`);
        if (session.status === 'OPEN') {
          throw notYet(`session ${asked} is still open`, `Biên bản phiên họp chưa có: phiên họp ${asked} chưa bế mạc hoặc hoãn.`);
        }
      }
      if (param === 'submissionId' && !round.submissions.some((s) => s.id === asked)) {
        throw new DomainException(ErrorCode.SUBMISSION_NOT_FOUND, `no submission ${asked} in ${round.roundId}`);
      }
      if (param === 'decisionNumber' && !round.decisions.some((d) => d.number === asked)) {
        throw notYet(
          `no decision ${asked} in ${round.roundId}`,
          `Đợt xét chưa có quyết định số ${asked}: văn bản có ${spec.availableWhenVi}.`,
        );
      }
      return asked;
    }
    if (instances.length === 0) {
      throw notYet(
        `${kind} does not exist yet in round ${round.roundId}`,
        `${spec.titleVi} chưa có: văn bản có ${spec.availableWhenVi}.`,
      );
    }
    if (instances.length > 1 && param) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, `${param}: required, the round has ${instances.length} of ${kind}`, {
        messageVi: `Đợt xét có ${instances.length} văn bản loại này: cần chọn ${PARAM_VI[param]} (${param}).`,
      });
    }
    return instances[0].id;
  }

  private async context(round: RoundView): Promise<RoundDocumentContext> {
    const [province]: { name: string }[] = await this.dataSource.query(`SELECT name FROM provinces WHERE code = $1`, [
      round.provinceCode,
    ]);
    const ruleSets: { version: string; legal_basis: string[] }[] = await this.dataSource.query(
      `SELECT version, legal_basis FROM rule_sets WHERE province_code = $1`,
      [round.provinceCode],
    );
    const blocCodes = [...new Set(round.items.map((i) => i.blocCode).filter((c): c is string => !!c))];
    const blocs: { code: string; name: string }[] = blocCodes.length
      ? await this.dataSource.query(`SELECT code, name FROM blocs WHERE province_code = $1 AND code = ANY($2)`, [
          round.provinceCode,
          blocCodes,
        ])
      : [];
    const signers = [...round.appraisal.approvals.map((a) => a.by), ...round.decisions.map((d) => d.signedBy)];
    return {
      round,
      provinceName: province?.name ?? round.provinceCode,
      legalBasis: Object.fromEntries(ruleSets.map((r) => [r.version, r.legal_basis ?? []])),
      blocNames: Object.fromEntries(blocs.map((b) => [b.code, b.name])),
      people: await displayNames(this.dataSource, signers),
    };
  }
}

const PARAM_VI: Record<RoundDocumentParameter, string> = {
  sessionId: 'phiên họp',
  decisionNumber: 'số quyết định',
  submissionId: 'tờ trình gửi Trung ương',
};
