import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS, ROUND_DOCUMENT_KINDS, TEMPLATE_KINDS } from '../../documents/document-kinds';

export class DocumentView {
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ example: 'Biên bản kiểm phiếu' }) titleVi: string;
  @ApiProperty({ description: 'Whether the document exists at the cycle’s step' }) available: boolean;
  @ApiProperty({ example: 'sau khi kết thúc bỏ phiếu tại hội nghị' }) availableWhenVi: string;
  @ApiPropertyOptional({ type: [String], description: 'Per-nominee documents: the nominee units it exists for' })
  unitCodes?: string[];
  @ApiProperty({ description: 'Whether this server can convert to PDF (LibreOffice installed)' }) pdfAvailable: boolean;
}

export class DocumentQueryDto {
  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'docx' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format?: 'docx' | 'pdf';

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'The nominee unit (bao-cao-thanh-tich only)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unitCode?: string;
}

export class TemplateVersionView {
  @ApiProperty() provinceCode: string;
  @ApiProperty({ enum: TEMPLATE_KINDS }) kind: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ description: 'SHA-256 of the stored .docx' }) sha256: string;
  @ApiProperty() uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UploadTemplateDto {
  @ApiPropertyOptional({ format: 'date', description: 'In force from (YYYY-MM-DD); today when absent' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  effectiveFrom?: string;
}

export class RoundDocumentInstanceView {
  @ApiProperty({ example: 'S2', description: 'The value to pass as the kind’s parameter' }) id: string;
  @ApiProperty({ example: 'Phiên 2, ngày 15/01/2021 (bế mạc)' }) labelVi: string;
}

export class RoundDocumentView {
  @ApiProperty({ enum: ROUND_DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ example: 'Biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh' }) titleVi: string;
  @ApiProperty({ description: 'Whether at least one document of this kind exists now' }) available: boolean;
  @ApiProperty({ example: 'sau khi phiên họp của Hội đồng bế mạc hoặc hoãn' }) availableWhenVi: string;
  @ApiPropertyOptional({
    enum: ['sessionId', 'decisionNumber', 'submissionId'],
    description: 'The query parameter naming one document when the round has several of this kind',
  })
  parameter?: string;
  @ApiProperty({ type: [RoundDocumentInstanceView], description: 'The documents of this kind that exist now' })
  instances: RoundDocumentInstanceView[];
  @ApiProperty({ description: 'Whether this server can convert to PDF (LibreOffice installed)' }) pdfAvailable: boolean;
}

export class RoundDocumentQueryDto {
  @ApiPropertyOptional({ enum: DOCUMENT_FORMATS, default: 'docx' })
  @IsOptional()
  @IsIn(DOCUMENT_FORMATS)
  format?: 'docx' | 'pdf';

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'bien-ban-hop-hoi-dong: the session (S1, S2, …)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  sessionId?: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'quyet-dinh-khen-thuong: the decision’s number, e.g. 125/QĐ-UBND' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionNumber?: string;

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,32}$', description: 'to-trinh-co-thi-dua-chinh-phu: the submission (U1, …)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  submissionId?: string;
}
