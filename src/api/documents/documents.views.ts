import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { DOCUMENT_FORMATS, DOCUMENT_KINDS } from '../../documents/document-kinds';

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
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
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
