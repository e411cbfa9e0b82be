import {
  applyDecorators,
  Body,
  Controller,
  Get,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { DOCX_MIME, PDF_MIME } from '../../documents/document-kinds';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { DomainException } from '../common/domain.exception';
import { ErrorBody } from '../common/error-body';
import { DocumentsService, MAX_TEMPLATE_BYTES, type RenderedDocument } from './documents.service';
import { DocumentQueryDto, DocumentView, TemplateVersionView, UploadTemplateDto } from './documents.views';

const BINARY = { schema: { type: 'string', format: 'binary' } };

/** The answers of a document download besides those of @Documented: the file itself, and the PDF converter's 503. */
export const DocumentDownload = () =>
  applyDecorators(
    ApiResponse({
      status: 200,
      description: 'The document (.docx or .pdf)',
      content: { [DOCX_MIME]: BINARY, [PDF_MIME]: BINARY },
    }),
    ApiResponse({
      status: 503,
      type: ErrorBody,
      description:
        'PDF_CONVERTER_UNAVAILABLE: LibreOffice is not installed (the .docx still works); PDF_CONVERSION_FAILED; SERVICE_UNAVAILABLE',
    }),
  );

export function sendDocument(res: Response, doc: RenderedDocument): void {
  res.setHeader('Content-Type', doc.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${doc.fileName}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(doc.body);
}

/** Multer's size refusal, as the template's own code. */
@Injectable()
class TemplateUploadErrors implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException) {
          throw new DomainException(ErrorCode.TEMPLATE_TOO_LARGE, `the file is over ${MAX_TEMPLATE_BYTES} bytes`);
        }
        throw err;
      }),
    );
  }
}

/** The papers of a bloc's cycle (NĐ 30/2020 format), generated from its state: DOCX to edit, PDF to print. */
@ApiTags('documents')
@Controller({ version: '1' })
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('cycles/:cycleId/documents')
  @Documented('Các văn bản của chu kỳ và văn bản nào đã có ở bước hiện tại', {
    ok: { type: [DocumentView] },
    notFound: 'CYCLE_NOT_FOUND (also out of scope)',
  })
  list(@CurrentActor() actor: Actor, @Param('cycleId') cycleId: string) {
    return this.documents.list(actor, cycleId);
  }

  @Get('cycles/:cycleId/documents/:kind')
  @Documented('Tải một văn bản của chu kỳ (Word .docx hoặc PDF), theo thể thức Nghị định 30/2020/NĐ-CP', {
    ok: { status: 200, description: 'The document' },
    notFound:
      'CYCLE_NOT_FOUND (also out of scope), DOCUMENT_KIND_NOT_FOUND, UNIT_NOT_FOUND (bao-cao-thanh-tich: unitCode is not a nominee)',
    conflict: 'DOCUMENT_NOT_AVAILABLE: the document does not exist yet at the cycle’s step (the message says when it will)',
    invalid: 'VALIDATION_FAILED: unitCode missing for bao-cao-thanh-tich',
  })
  @DocumentDownload()
  async get(
    @CurrentActor() actor: Actor,
    @Param('cycleId') cycleId: string,
    @Param('kind') kind: string,
    @Query() query: DocumentQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendDocument(res, await this.documents.render(actor, cycleId, kind, query.format ?? 'docx', query.unitCode));
  }

  @Get('provinces/:provinceCode/document-templates')
  @AllowRoles(Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST)
  @Documented('Các phiên bản mẫu văn bản của tỉnh', {
    ok: { type: [TemplateVersionView] },
    notFound: 'PROVINCE_NOT_FOUND (also out of scope)',
  })
  templates(@CurrentActor() actor: Actor, @Param('provinceCode') provinceCode: string) {
    return this.documents.listTemplates(actor, provinceCode);
  }

  @Get('provinces/:provinceCode/document-templates/:kind')
  @AllowRoles(Role.ADMIN, Role.AUDITOR, Role.BOARD_HEAD, Role.BOARD_SPECIALIST)
  @Documented('Tải mẫu văn bản đang áp dụng (.docx) để sửa câu chữ bằng Word hoặc LibreOffice', {
    ok: { status: 200, description: 'The template in force today' },
    notFound: 'PROVINCE_NOT_FOUND (also out of scope), DOCUMENT_KIND_NOT_FOUND',
  })
  @ApiResponse({ status: 200, description: 'The template (.docx)', content: { [DOCX_MIME]: BINARY } })
  async template(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Param('kind') kind: string,
    @Res() res: Response,
  ): Promise<void> {
    sendDocument(res, await this.documents.downloadTemplate(actor, provinceCode, kind));
  }

  @Post('provinces/:provinceCode/document-templates/:kind')
  @AllowRoles(Role.ADMIN, Role.BOARD_HEAD)
  @UseInterceptors(
    TemplateUploadErrors,
    FileInterceptor('file', { limits: { fileSize: MAX_TEMPLATE_BYTES, files: 1, fields: 2 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' }, effectiveFrom: { type: 'string', format: 'date' } },
    },
  })
  @Documented('Tải lên mẫu văn bản đã sửa: phiên bản mới của tỉnh, có hiệu lực từ ngày chọn', {
    ok: { type: TemplateVersionView, status: 201 },
    invalid: 'TEMPLATE_FILE_MISSING (no "file" part)',
    forbidden: 'OUT_OF_SCOPE: another province',
    notFound: 'PROVINCE_NOT_FOUND (also out of scope), DOCUMENT_KIND_NOT_FOUND',
    unprocessable:
      'TEMPLATE_INVALID: not a .docx, an unknown placeholder, unbalanced tags or a missing required placeholder; `problems` names each (field = the placeholder); nothing is stored',
  })
  @ApiResponse({ status: 413, type: ErrorBody, description: 'TEMPLATE_TOO_LARGE: the file is over 5 MB' })
  upload(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Param('kind') kind: string,
    @Body() body: UploadTemplateDto,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
  ) {
    if (!file) throw new DomainException(ErrorCode.TEMPLATE_FILE_MISSING, 'send the template as the multipart part "file"');
    return this.documents.uploadTemplate(
      actor,
      provinceCode,
      kind,
      { buffer: file.buffer, name: Buffer.from(file.originalname, 'latin1').toString('utf8') },
      body.effectiveFrom,
    );
  }
}
