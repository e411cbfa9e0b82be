import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../../shared/actors';
import { CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { DocumentDownload, sendDocument } from './documents.controller';
import { RoundDocumentQueryDto, RoundDocumentView } from './documents.views';
import { RoundDocumentsService } from './round-documents.service';

/** The papers of the province's award round (NĐ 30/2020 format), generated from its state: DOCX to edit, PDF to print. */
@ApiTags('documents')
@Controller({ version: '1' })
export class RoundDocumentsController {
  constructor(private readonly documents: RoundDocumentsService) {}

  @Get('rounds/:roundId/documents')
  @Documented('Các văn bản của đợt xét khen thưởng và văn bản nào đã có (mỗi phiên họp, quyết định, tờ trình)', {
    ok: { type: [RoundDocumentView] },
    notFound: 'ROUND_NOT_FOUND (also out of scope)',
  })
  list(@CurrentActor() actor: Actor, @Param('roundId') roundId: string) {
    return this.documents.list(actor, roundId);
  }

  @Get('rounds/:roundId/documents/:kind')
  @Documented('Tải một văn bản của đợt xét khen thưởng (Word .docx hoặc PDF), theo thể thức Nghị định 30/2020/NĐ-CP', {
    ok: { status: 200, description: 'The document' },
    notFound:
      'ROUND_NOT_FOUND (also out of scope), DOCUMENT_KIND_NOT_FOUND, SESSION_NOT_FOUND (sessionId), SUBMISSION_NOT_FOUND (submissionId)',
    conflict:
      'DOCUMENT_NOT_AVAILABLE: the document does not exist yet (no approved appraisal, the session still open, no such decision, nothing sent upward); the message says when it will',
    invalid:
      'VALIDATION_FAILED: the round has several documents of the kind and the parameter naming one (sessionId, decisionNumber, submissionId) is missing, or a parameter of another kind is given',
  })
  @DocumentDownload()
  async get(
    @CurrentActor() actor: Actor,
    @Param('roundId') roundId: string,
    @Param('kind') kind: string,
    @Query() query: RoundDocumentQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const { format, ...which } = query;
    sendDocument(res, await this.documents.render(actor, roundId, kind, format ?? 'docx', which));
  }
}
