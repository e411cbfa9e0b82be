import {
  Body,
  Controller,
  Get,
  HttpCode,
  Injectable,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { Role, type Actor } from '../../shared/actors';
import { ErrorCode } from '../../shared/errors';
import { XLSX_MIME } from '../../workbook/writer';
import { AllowRoles, CurrentActor, Public } from '../common/actor';
import { Documented } from '../common/documented';
import { DomainException } from '../common/domain.exception';
import { TokenPairView } from '../auth/auth.dto';
import { ErrorBody } from '../common/error-body';
import { MAX_WORKBOOK_BYTES, WorkbookService, type ApplyResult, type PreviewResult } from './workbook.service';
import { BULK_THROTTLED, RateLimited } from '../common/rate-limit';

const SCOPE = "an admin (system-wide or of this province) or the province's BOARD_HEAD";
const NOT_FOUND = "PROVINCE_NOT_FOUND (also for a province outside the caller's scope)";

export class ProblemView {
  @ApiProperty({ example: 'Đơn vị' }) sheet: string;
  @ApiProperty({ type: 'integer', example: 12, description: '1-based sheet row (1: headers); 0 for the whole sheet' })
  row: number;
  @ApiProperty({ example: 'H (Hiệu lực từ ngày)' }) column: string;
  @ApiProperty({ example: '01/01/2026' }) value: string;
  @ApiProperty({ example: 'DATE_AS_TEXT' }) code: string;
  @ApiProperty({ example: 'Ngày đang được nhập dưới dạng chữ; hãy nhập ô kiểu ngày của Excel (ví dụ 01/01/2026).' })
  messageVi: string;
}

export class ChangeCounts {
  @ApiProperty({ type: 'integer' }) CREATE: number;
  @ApiProperty({ type: 'integer' }) CHANGE: number;
  @ApiProperty({ type: 'integer' }) END: number;
}

export class WorkbookSummary {
  @ApiProperty({ type: ChangeCounts }) blocs: ChangeCounts;
  @ApiProperty({ type: ChangeCounts }) units: ChangeCounts;
  @ApiProperty({ type: ChangeCounts }) memberships: ChangeCounts;
  @ApiProperty({ type: ChangeCounts }) leaderships: ChangeCounts;
  @ApiProperty({ type: ChangeCounts }) accounts: ChangeCounts;
}

export class ChangeItem {
  @ApiProperty({ enum: ['blocs', 'units', 'memberships', 'leaderships', 'accounts'] }) sheet: string;
  @ApiProperty({ enum: ['CREATE', 'CHANGE', 'END'] }) op: string;
  @ApiProperty({ example: 'SL-U0001' }) key: string;
  @ApiProperty({ type: 'integer' }) row: number;
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true }) before?: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) after?: Record<string, unknown>;
}

export class WorkbookPreviewView {
  @ApiProperty({ format: 'uuid', description: 'Send to apply; valid for two hours' }) previewToken: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'SHA-256 of the uploaded file' }) fileSha256: string;
  @ApiProperty({ description: 'SHA-256 of the stored rows the diff was computed against' }) dataVersion: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: 'integer' }) problemCount: number;
  @ApiProperty({ type: [ProblemView] }) problems: ProblemView[];
  @ApiProperty({ type: WorkbookSummary }) summary: WorkbookSummary;
  @ApiProperty({ type: [ChangeItem] }) changes: ChangeItem[];
}

export class InvitationSheet {
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty() fileName: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: "The .xlsx of one-time activation links, base64; given once, never stored (only the links' SHA-256 is)",
  })
  sheetBase64: string | null;
}

export class WorkbookApplyView {
  @ApiProperty({ format: 'uuid' }) previewToken: string;
  @ApiProperty() provinceCode: string;
  @ApiProperty({ type: WorkbookSummary }) summary: WorkbookSummary;
  @ApiProperty({ type: 'integer', description: 'Deciding roles proposed, waiting for a second admin' }) pendingGrants: number;
  @ApiProperty({ type: InvitationSheet }) invitations: InvitationSheet;
}

export class ApplyWorkbookDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @Length(36, 36)
  previewToken: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token of the activation link (after #)' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ description: 'The new password (zxcvbn score 3 or more)' })
  @IsString()
  @MaxLength(200)
  password: string;
}

/** The activated account and its first session (the same token pair as a login). */
export class InvitationAcceptedView extends TokenPairView {
  @ApiProperty() username: string;
}

/** Multer's size refusal, as the workbook's own code. */
@Injectable()
class WorkbookUploadErrors implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof PayloadTooLargeException) {
          throw new DomainException(ErrorCode.WORKBOOK_TOO_LARGE, `the file is over ${MAX_WORKBOOK_BYTES} bytes`);
        }
        throw err;
      }),
    );
  }
}

const previewToken = new ParseUUIDPipe({
  exceptionFactory: () => new DomainException(ErrorCode.WORKBOOK_PREVIEW_NOT_FOUND, 'not a preview token (UUID expected)'),
});

const XLSX_OK = (description: string) =>
  ApiResponse({ status: 200, description, content: { [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } } } });

function sendXlsx(res: Response, file: Buffer, name: string): void {
  res.setHeader('Content-Type', XLSX_MIME);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(file);
}

/** The organisation workbook of a province: template, export, preview (dry run) and apply. */
@ApiTags('organisation')
@ApiBearerAuth()
@AllowRoles(Role.ADMIN, Role.BOARD_HEAD)
@Controller({ path: 'provinces/:provinceCode/workbook', version: '1' })
export class WorkbookController {
  constructor(private readonly workbook: WorkbookService) {}

  @Get('template')
  @AllowRoles(Role.ADMIN, Role.BOARD_HEAD, Role.AUDITOR)
  @Documented('Tải tệp mẫu tổ chức (.xlsx: tiêu đề tiếng Việt, dòng ví dụ, danh sách chọn)', {
    ok: { status: 200, description: 'The template workbook' },
    forbidden: SCOPE,
    notFound: NOT_FOUND,
  })
  @XLSX_OK('The template workbook (.xlsx)')
  async template(@CurrentActor() actor: Actor, @Param('provinceCode') provinceCode: string, @Res() res: Response): Promise<void> {
    await this.workbook.province(actor, provinceCode, 'read');
    sendXlsx(res, await this.workbook.template(), 'mau-to-chuc.xlsx');
  }

  @Get('export')
  @AllowRoles(Role.ADMIN, Role.BOARD_HEAD, Role.AUDITOR)
  @RateLimited('bulk')
  @Documented('Xuất dữ liệu tổ chức hiện có của tỉnh theo đúng mẫu (xuất → sửa → nhập)', {
    ok: { status: 200, description: 'The workbook of the stored data' },
    forbidden: SCOPE,
    notFound: NOT_FOUND,
    throttled: BULK_THROTTLED,
  })
  @XLSX_OK("The province's organisation as a workbook (.xlsx)")
  async export(@CurrentActor() actor: Actor, @Param('provinceCode') provinceCode: string, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.workbook.export(actor, provinceCode), `to-chuc-${provinceCode}.xlsx`);
  }

  @Post('preview')
  @HttpCode(200)
  @RateLimited('bulk')
  @UseInterceptors(
    WorkbookUploadErrors,
    FileInterceptor('file', { limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1, fields: 0 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @Documented('Xem trước việc nhập tệp tổ chức: không ghi gì, trả về mọi lỗi và các thay đổi sẽ áp dụng', {
    ok: { type: WorkbookPreviewView, status: 200 },
    invalid:
      'WORKBOOK_FILE_MISSING (no "file" part), WORKBOOK_NOT_XLSX, WORKBOOK_ENCRYPTED (password-protected), WORKBOOK_CORRUPT',
    forbidden: SCOPE,
    notFound: NOT_FOUND,
    throttled: BULK_THROTTLED,
  })
  @ApiResponse({
    status: 413,
    type: ErrorBody,
    description: 'WORKBOOK_TOO_LARGE: the file is over 10 MB, or unpacks to over 256 MB',
  })
  preview(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
  ): Promise<PreviewResult> {
    if (!file) throw new DomainException(ErrorCode.WORKBOOK_FILE_MISSING, 'send the workbook as the multipart part "file"');
    return this.workbook.preview(actor, provinceCode, {
      buffer: file.buffer,
      name: Buffer.from(file.originalname, 'latin1').toString('utf8'),
    });
  }

  @Get('previews/:previewToken/problems')
  @AllowRoles(Role.ADMIN, Role.BOARD_HEAD, Role.AUDITOR)
  @Documented('Tải danh sách lỗi của bản xem trước (.xlsx)', {
    ok: { status: 200, description: 'The problems as a sheet' },
    forbidden: SCOPE,
    notFound: `${NOT_FOUND}; WORKBOOK_PREVIEW_NOT_FOUND`,
  })
  @XLSX_OK('The problems of the preview (.xlsx)')
  async problems(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Param('previewToken', previewToken) token: string,
    @Res() res: Response,
  ): Promise<void> {
    sendXlsx(res, await this.workbook.problemsSheet(actor, provinceCode, token), `loi-nhap-${provinceCode}.xlsx`);
  }

  @Post('apply')
  @HttpCode(200)
  @RateLimited('bulk')
  @Documented(
    'Áp dụng đúng các thay đổi đã xem trước, trong một giao dịch; trả về một lần các liên kết kích hoạt tài khoản mới',
    {
      ok: { type: WorkbookApplyView, status: 200 },
      body: true,
      forbidden: SCOPE,
      notFound: `${NOT_FOUND}; WORKBOOK_PREVIEW_NOT_FOUND`,
      conflict:
        'WORKBOOK_STALE (the data changed since the preview: preview again), WORKBOOK_PREVIEW_USED, WORKBOOK_PREVIEW_EXPIRED',
      unprocessable: 'WORKBOOK_HAS_PROBLEMS: the previewed file has problems; nothing is written',
      throttled: BULK_THROTTLED,
    },
  )
  apply(
    @CurrentActor() actor: Actor,
    @Param('provinceCode') provinceCode: string,
    @Body() dto: ApplyWorkbookDto,
  ): Promise<ApplyResult> {
    return this.workbook.apply(actor, provinceCode, dto.previewToken);
  }
}

/** The one-time link of an account created in bulk: the person sets the first password. */
@ApiTags('auth')
@Controller({ path: 'invitations', version: '1' })
export class InvitationsController {
  constructor(private readonly workbook: WorkbookService) {}

  @Post('accept')
  @Public()
  @HttpCode(200)
  @Documented('Kích hoạt tài khoản bằng liên kết mời (dùng một lần), tự đặt mật khẩu và đăng nhập luôn', {
    ok: { type: InvitationAcceptedView, status: 200 },
    public: true,
    body: true,
    invalid: 'VALIDATION_FAILED; INVITATION_INVALID: unknown, used or expired link',
    unprocessable: 'WEAK_PASSWORD',
  })
  accept(@Body() dto: AcceptInvitationDto): Promise<InvitationAcceptedView> {
    return this.workbook.acceptInvitation(dto.token, dto.password);
  }
}
