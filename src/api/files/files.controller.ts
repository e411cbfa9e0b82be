import {
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProperty, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { contentDisposition } from '../../files/file-name';
import { ALLOWED_TYPES } from '../../files/file-type';
import type { Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { AllowRoles, CurrentActor } from '../common/actor';
import { Documented } from '../common/documented';
import { DomainException } from '../common/domain.exception';
import { ErrorBody } from '../common/error-body';
import { FilesService, UPLOADER_ROLES, type UploadScope } from './files.service';
import type { ReceivedFile } from './upload-storage';

export class UploadedFileView {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the content: how steps refer to the file' })
  sha256: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size: number;
  @ApiProperty({ enum: Object.values(ALLOWED_TYPES), description: 'Decided from the content, not from the name' })
  contentType: string;
  @ApiProperty({ example: 'to-trinh-12.pdf', description: 'The sanitised name (no path, NFC, no control characters)' })
  name: string;
  @ApiProperty() cycleId: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: "The unit whose score sheet it is evidence for; null: the cycle's dossier",
  })
  unitCode: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

interface ScopedRequest extends Request {
  uploadScope?: UploadScope;
  actor?: Actor;
}

/** Decides the upload's scope before multer reads a byte: a refused upload stores nothing. */
@Injectable()
class UploadScopeCheck implements NestInterceptor {
  constructor(private readonly files: FilesService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<ScopedRequest>();
    req.uploadScope = await this.files.uploadScope(req.actor as Actor, req.query);
    return next.handle();
  }
}

/** Multer's own refusals in the files' codes. */
@Injectable()
class UploadErrors implements NestInterceptor {
  constructor(private readonly files: FilesService) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException)
          throw new DomainException(ErrorCode.FILE_TOO_LARGE, `the file is over ${this.files.config.maxFileBytes} bytes`);
        throw err;
      }),
    );
  }
}

const FILE_DOWNLOAD_TYPES = Object.fromEntries(
  Object.values(ALLOWED_TYPES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
);

/** Uploaded files: stored by the SHA-256 of their content, referred to by it in the dossier and on score sheets. */
@ApiTags('files')
@ApiBearerAuth()
@Controller({ path: 'files', version: '1' })
export class FilesController {
  constructor(private readonly files: FilesService) {}

  @Post()
  @HttpCode(201)
  @AllowRoles(...UPLOADER_ROLES)
  @UseInterceptors(UploadScopeCheck, UploadErrors, FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'cycleId', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,200}$' } })
  @ApiQuery({
    name: 'unitCode',
    required: false,
    description: "The unit whose score sheet the file is evidence for; absent: a file of the cycle's dossier",
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
  })
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Documented(
    'Tải lên một tệp (PDF, DOCX, XLSX, JPEG, PNG) cho hồ sơ của chu kỳ hoặc làm minh chứng cho bảng điểm của một đơn vị',
    {
      ok: { type: UploadedFileView, status: 201, description: 'Stored (once per content) and recorded for the scope' },
      invalid: 'FILE_MISSING (no "file" part)',
      forbidden: "a file of the cycle is uploaded by the bloc's Trưởng or Phó khối or the board",
      notFound: "CYCLE_NOT_FOUND, UNIT_NOT_FOUND (also for a cycle or sheet outside the caller's scope)",
    },
  )
  @ApiResponse({ status: 413, type: ErrorBody, description: 'FILE_TOO_LARGE: over FILE_MAX_BYTES; nothing is stored' })
  @ApiResponse({
    status: 415,
    type: ErrorBody,
    description: 'FILE_TYPE_NOT_ALLOWED: the content is not PDF, DOCX, XLSX, JPEG or PNG (whatever its name says)',
  })
  async upload(
    @CurrentActor() actor: Actor,
    @Req() req: ScopedRequest,
    @UploadedFile() file: ReceivedFile | undefined,
  ): Promise<UploadedFileView> {
    if (!file?.staged) throw new DomainException(ErrorCode.FILE_MISSING, 'send the file as the multipart part "file"');
    try {
      return await this.files.record(actor, req.uploadScope as UploadScope, file.staged, file.contentType, file.originalname);
    } finally {
      await file.staged.discard();
    }
  }

  @Get(':sha256')
  @Documented('Tải xuống một tệp đã tải lên (kiểm tra lại mã băm trước khi trả)', {
    ok: { status: 200, description: 'The bytes, exactly those that hash to sha256' },
    notFound: "FILE_NOT_FOUND (also for a file outside the caller's scope)",
    conflict:
      'FILE_TAMPERED: the stored bytes no longer hash to sha256 (nothing is served); FILE_CONTENT_MISSING: recorded, gone from the store',
  })
  @ApiResponse({ status: 200, description: 'The file', content: FILE_DOWNLOAD_TYPES })
  async download(@CurrentActor() actor: Actor, @Param('sha256') sha256: string, @Res() res: Response): Promise<void> {
    const { file, content } = await this.files.download(actor, sha256);
    const inline = file.contentType === ALLOWED_TYPES.PDF || file.contentType.startsWith('image/');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(content.length));
    res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name));
    res.setHeader('ETag', `"${file.sha256}"`);
    res.end(content);
  }
}
