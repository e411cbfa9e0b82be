import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { AuditKind, ChainBreakReason, JsonValue } from '../../audit/audit-chain';
import { EVIDENCE_FORMAT } from '../../audit/evidence-bundle';
import type { HistorySource } from './history-mapper';

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

export class FileProblemView {
  @ApiProperty({ example: HASH_EXAMPLE }) sha256: string;
  @ApiProperty({
    enum: ['TAMPERED', 'MISSING'],
    description: 'TAMPERED: the stored bytes no longer hash to it; MISSING: not in the store',
  })
  problem: 'TAMPERED' | 'MISSING';
  @ApiProperty() detail: string;
}

export class FilesVerificationView {
  @ApiProperty({ type: 'integer', description: 'Uploaded files recorded by the chain, each re-hashed from the store' })
  checked: number;
  @ApiProperty({ type: [FileProblemView] }) broken: FileProblemView[];
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

  @ApiProperty({ type: FilesVerificationView })
  files: FilesVerificationView;
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

export class ExportedByView {
  @ApiProperty({ example: 'kiemtoan.01' }) userId: string;
  @ApiProperty({ example: 'AUDITOR' }) role: string;
}

export class EvidenceFileView {
  @ApiProperty({ example: HASH_EXAMPLE }) sha256: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) contentType: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The bytes, base64; null when the store had none' })
  contentBase64: string | null;
}

export class EvidenceBundleView {
  @ApiProperty({ enum: [EVIDENCE_FORMAT] })
  format: typeof EVIDENCE_FORMAT;

  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020' })
  cycleId: string;

  @ApiProperty({ example: '2021-02-01T03:00:00.000Z' })
  exportedAt: string;

  @ApiProperty({ type: ExportedByView })
  exportedBy: ExportedByView;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The cycle, its units, nominations, awards and elected leadership as the read model shows them at export',
  })
  readModel: EvidenceReadModel;

  @ApiProperty({ type: EvidenceAuditView })
  audit: EvidenceAuditView;

  @ApiPropertyOptional({
    type: [EvidenceFileView],
    description: "The uploaded files the cycle's entries record, with the bytes the store held at export",
  })
  files?: EvidenceFileView[];
}

export interface EvidenceReadModel {
  cycle: Record<string, unknown>;
  units: Record<string, unknown>[];
  nominations: Record<string, unknown>[];
  awards: Record<string, unknown>[];
  leadership: Record<string, unknown>[];
}

export class HistoryFilterDto {
  @ApiPropertyOptional({ example: 'BK-HLHPN', description: 'Only the entries of or about this unit (a nominee)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  unitCode?: string;
}

export class HistoryActorView {
  @ApiProperty({ type: String, nullable: true, example: 'head.BK-HLHPN' })
  userId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'UNIT_HEAD' })
  role: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'BK-HLHPN' })
  unitCode: string | null;
}

export class HistoryEntryView {
  @ApiProperty({ example: '2020-01-15T02:00:00.120000Z', description: 'ISO 8601, UTC, microseconds' })
  at: string;

  @ApiProperty({ enum: ['AUDIT', 'WORKFLOW'] })
  source: HistorySource;

  @ApiPropertyOptional({
    example: 'cycle.BK.MTTQ_DT.2020.assessment.BK-HLHPN',
    description: 'AUDIT: the workflow that recorded the step; WORKFLOW: the workflow whose event history holds the event',
  })
  workflowId?: string;

  @ApiPropertyOptional({ example: 14, description: "WORKFLOW: the event's id in that workflow's history" })
  eventId?: number;

  @ApiProperty({
    example: 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    description: 'AUDIT: the step (e.g. PLEDGE_SIGNED); WORKFLOW: the Temporal event type without EVENT_TYPE_',
  })
  type: string;

  @ApiProperty({ example: 'Tiếp nhận yêu cầu: Ký giao ước' })
  labelVi: string;

  @ApiPropertyOptional({ type: HistoryActorView, description: 'Who acted (AUDIT entries and workflow updates)' })
  actor?: HistoryActorView;

  @ApiPropertyOptional({
    example: 'Hội Liên hiệp Phụ nữ tỉnh ký giao ước thi đua',
    description: 'AUDIT: the summary of the step; WORKFLOW: the child workflow, the due time of a timer, an error',
  })
  detail?: string;

  @ApiPropertyOptional({ example: 'signPledge', description: 'WORKFLOW: the update, signal, activity or workflow type named' })
  name?: string;

  @ApiPropertyOptional({ example: 3, description: 'AUDIT: the place in the hash chain' })
  seq?: number;

  @ApiPropertyOptional({ example: HASH_EXAMPLE, description: 'AUDIT: the hash of the entry' })
  hash?: string;

  @ApiPropertyOptional({ example: 'PLEDGE', description: 'AUDIT: the phase of the step' })
  phase?: string;

  @ApiPropertyOptional({ enum: ['HUMAN', 'SYSTEM'], description: 'AUDIT' })
  kind?: string;

  @ApiPropertyOptional({ example: '2020-01-15T02:00:00.180000Z', description: 'AUDIT: when the entry was written' })
  recordedAt?: string;
}

export class HistoryWorkflowView {
  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020.assessment.BK-HLHPN' })
  workflowId: string;

  @ApiProperty({ example: '01a202b9-bb9b-761a-9ac6-90a0e827bde2' })
  runId: string;

  @ApiProperty({ example: 79, description: 'Events in its history, shown or not' })
  eventCount: number;

  @ApiPropertyOptional({ description: 'The raw history in the Temporal Web UI, when TEMPORAL_UI_URL is set' })
  uiUrl?: string;
}

export class HistoryTemporalView {
  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020', description: 'The cycle workflow (its id is the cycle id)' })
  workflowId: string;

  @ApiProperty({ example: '01a202b9-b577-79d2-b6ca-4575adf08b94' })
  runId: string;

  @ApiProperty({
    example: 836,
    description:
      "Events read from Temporal for this answer, the cycle workflow's and its children's, including the workflow-task " +
      'events that give no entry',
  })
  eventCount: number;

  @ApiPropertyOptional({ description: 'The raw history in the Temporal Web UI, when TEMPORAL_UI_URL is set' })
  uiUrl?: string;

  @ApiProperty({ type: [HistoryWorkflowView], description: 'The assessment workflows read, one per unit' })
  children: HistoryWorkflowView[];
}

export class CycleHistoryView {
  @ApiProperty({ example: 'cycle.BK.MTTQ_DT.2020' })
  cycleId: string;

  @ApiPropertyOptional({ example: 'BK-HLHPN' })
  unitCode?: string;

  @ApiProperty({ type: [HistoryEntryView], description: 'Audit entries and workflow events, ordered by time' })
  entries: HistoryEntryView[];

  @ApiProperty({
    type: HistoryTemporalView,
    nullable: true,
    description: 'null when Temporal no longer has the workflow (past its retention): the audit entries remain',
  })
  temporal: HistoryTemporalView | null;

  @ApiPropertyOptional({ description: 'Why part of the history is missing' })
  note?: string;
}
