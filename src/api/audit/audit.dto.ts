import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditKind, ChainBreakReason, JsonValue } from '../../audit/audit-chain';
import { EVIDENCE_FORMAT } from '../../audit/evidence-bundle';

const HASH_EXAMPLE = '9f2c1e0b7a5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3';

export class ChainHeadView {
  @ApiProperty({ example: 42 })
  seq: number;

  @ApiProperty({ example: HASH_EXAMPLE })
  hash: string;
}

export class ChainBreakView {
  @ApiProperty({ example: 7 })
  seq: number;

  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020:5' })
  eventId: string;

  @ApiProperty({
    enum: ['HASH_MISMATCH', 'PREV_HASH_MISMATCH'],
    description:
      'HASH_MISMATCH: the entry was edited. PREV_HASH_MISMATCH: an entry before it was deleted, inserted or reordered.',
  })
  reason: ChainBreakReason;

  @ApiProperty({ example: 'stored hash 9f2c..., content hashes to 41ab...' })
  detail: string;
}

export class ChainVerificationView {
  @ApiProperty({ example: true })
  ok: boolean;

  @ApiProperty({ example: 42, description: 'Entries read, the whole log' })
  entries: number;

  @ApiPropertyOptional({ type: ChainHeadView, description: 'The last entry: keep it elsewhere to detect a truncated tail' })
  head?: ChainHeadView;

  @ApiPropertyOptional({ type: ChainBreakView })
  firstBroken?: ChainBreakView;

  @ApiProperty({ description: 'How each hash is computed' })
  algorithm: string;
}

export class AuditEntryView {
  @ApiProperty({ example: 3 })
  seq: number;

  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020:3' })
  eventId: string;

  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020' })
  cycleId: string;

  @ApiProperty({ example: '2020-01-15T02:00:00.000000Z' })
  occurredAt: string;

  @ApiProperty({ example: '2020-01-15T02:00:00.120000Z' })
  recordedAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'head.BK-HLHPN' })
  actorUserId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'UNIT_HEAD' })
  actorRole: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'BK-HLHPN' })
  actorUnitCode: string | null;

  @ApiProperty({ enum: ['HUMAN', 'SYSTEM'] })
  kind: AuditKind;

  @ApiProperty({ example: 'PLEDGE_SIGNED' })
  type: string;

  @ApiProperty({ example: 'PLEDGE' })
  phase: string;

  @ApiProperty({ example: 'Hội Liên hiệp Phụ nữ tỉnh ký giao ước thi đua' })
  summaryVi: string;

  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  payload: JsonValue | null;

  @ApiProperty({ example: HASH_EXAMPLE })
  prevHash: string;

  @ApiProperty({ example: HASH_EXAMPLE })
  hash: string;
}

export class EvidenceAuditView {
  @ApiProperty({ enum: ['GLOBAL'] })
  chain: 'GLOBAL';

  @ApiProperty()
  algorithm: string;

  @ApiProperty({ example: '0'.repeat(64) })
  genesisPrevHash: string;

  @ApiProperty({ description: 'What the bundle proves offline and what only the database can prove' })
  note: string;

  @ApiProperty({ type: ChainHeadView, nullable: true })
  head: ChainHeadView | null;

  @ApiProperty({ type: [AuditEntryView] })
  entries: AuditEntryView[];
}

export class EvidenceBundleView {
  @ApiProperty({ enum: [EVIDENCE_FORMAT] })
  format: typeof EVIDENCE_FORMAT;

  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020' })
  cycleId: string;

  @ApiProperty({ example: '2021-02-01T03:00:00.000Z' })
  exportedAt: string;

  @ApiProperty({ example: { userId: 'kiemtoan.01', role: 'AUDITOR' } })
  exportedBy: { userId: string; role: string };

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The cycle, its units, nominations, awards and elected leadership as the read model shows them at export',
  })
  readModel: EvidenceReadModel;

  @ApiProperty({ type: EvidenceAuditView })
  audit: EvidenceAuditView;
}

export interface EvidenceReadModel {
  cycle: Record<string, unknown>;
  units: Record<string, unknown>[];
  nominations: Record<string, unknown>[];
  awards: Record<string, unknown>[];
  leadership: Record<string, unknown>[];
}
