import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ItemStatus, LevelMode } from '../../shared/approval';
import { PHASES } from '../../shared/cycle-types';
import { OBJECT } from '../cycles/dto/cycle-state.view';

const DECISIONS = ['APPROVE', 'REJECT', 'RETURN', 'WITHDRAW', 'ESCALATE'];
const ITEM_STATUSES = Object.values(ItemStatus);

/** A person as chains name them. */
export class PersonRefView {
  @ApiProperty() userId: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional() unitCode?: string;
}

/** TASK_ALREADY_DECIDED: who decided first, how and when. */
export class WinnerView {
  @ApiProperty() userId: string;
  @ApiPropertyOptional() displayName?: string;
  @ApiPropertyOptional({ type: PersonRefView }) actingFor?: PersonRefView;
  @ApiProperty({ enum: DECISIONS }) decision: string;
  @ApiProperty() at: string;
  @ApiProperty() levelCode: string;
}

export class ChainLevelView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Object.values(LevelMode) }) mode: string;
  @ApiProperty({ ...OBJECT, description: 'Who decides at this level (a role, named people, …) and its label' })
  approvers: Record<string, unknown>;
}

export class ChainSubjectView {
  @ApiProperty() provinceCode: string;
  @ApiPropertyOptional() blocCode?: string;
  @ApiPropertyOptional() cycleId?: string;
  @ApiPropertyOptional() unitCode?: string;
  @ApiProperty() title: string;
}

export class ItemOutcomeView extends WinnerView {
  @ApiProperty() round: number;
  @ApiPropertyOptional() reason?: string;
}

export class ChainItemView {
  @ApiProperty() itemId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ITEM_STATUSES }) status: string;
  @ApiProperty({ description: 'PENDING: the level it waits for; otherwise where it was settled last' }) levelIndex: number;
  @ApiProperty() round: number;
  @ApiProperty({ type: [ItemOutcomeView] }) outcomes: ItemOutcomeView[];
}

export class ChainIncidentView {
  @ApiProperty() incidentId: string;
  @ApiProperty() levelCode: string;
  @ApiProperty() reason: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional({ type: [String] }) itemIds?: string[];
  @ApiProperty() detail: string;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional() resolvedAt?: string;
  @ApiPropertyOptional() resolution?: string;
}

export class EvidenceRefView {
  @ApiProperty() title: string;
  @ApiProperty() url: string;
}

export class EvidenceRecordView extends EvidenceRefView {
  @ApiProperty() seq: number;
  @ApiPropertyOptional({ type: [String] }) itemIds?: string[];
  @ApiProperty() addedBy: string;
  @ApiProperty() at: string;
}

export class ChainEventView {
  @ApiProperty({ description: '1-based position in the chain’s log' }) seq: number;
  @ApiProperty() type: string;
  @ApiProperty({ description: 'The type in Vietnamese' }) label: string;
  @ApiProperty() at: string;
  @ApiPropertyOptional({ type: PersonRefView }) actor?: PersonRefView;
  @ApiPropertyOptional({ type: PersonRefView }) actingFor?: PersonRefView;
  @ApiPropertyOptional({ type: [String] }) itemIds?: string[];
  @ApiPropertyOptional() levelCode?: string;
  @ApiPropertyOptional() round?: number;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ description: 'Free text a person wrote' }) text?: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: [EvidenceRefView] }) references?: EvidenceRefView[];
  @ApiPropertyOptional({ type: [PersonRefView] }) assignees?: PersonRefView[];
  @ApiPropertyOptional() incidentId?: string;
}

export class InboxItemRefView {
  @ApiProperty() itemId: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty() round: number;
}

export class ChainOriginView {
  @ApiProperty({ enum: ['CYCLE_STEP', 'FREE_STANDING'] }) kind: string;
  @ApiProperty({ type: PersonRefView }) startedBy: PersonRefView;
}

/** An approval chain definition: its levels, how each decides, deadlines, reminders, escalation. */
export class ChainDefinitionView {
  @ApiProperty({ example: 'THAM_DINH_HO_SO_CAP_TINH' })
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [ChainLevelView], description: 'The levels in order, each with who decides and how' })
  levels: ChainLevelView[];

  @ApiProperty({ description: 'How many times an item may be returned for rework' })
  maxReturnRounds: number;

  @ApiProperty({ description: 'What the return after that does' })
  afterMaxRounds: string;
}

export class OpenTaskView {
  @ApiProperty()
  assignmentId: string;

  @ApiProperty()
  levelCode: string;

  @ApiProperty()
  levelName: string;

  @ApiProperty()
  userId: string;

  @ApiPropertyOptional()
  displayName?: string;

  @ApiPropertyOptional()
  unitCode?: string;

  @ApiPropertyOptional({ type: PersonRefView })
  actingFor?: PersonRefView;

  @ApiProperty()
  capacity: string;

  @ApiProperty({ type: [String] })
  itemIds: string[];

  @ApiPropertyOptional()
  dueAt?: string;

  @ApiPropertyOptional()
  overdue?: boolean;

  @ApiProperty()
  round: number;
}

/** A chain: its items (each decided on its own), levels, open tasks, incidents, evidence and timeline. */
@ApiExtraModels(ChainItemView)
export class ChainView {
  @ApiProperty()
  chainId: string;

  @ApiProperty({ enum: ['IN_PROGRESS', 'COMPLETE'] })
  status: string;

  @ApiProperty({ type: ChainDefinitionView })
  definition: ChainDefinitionView;

  @ApiProperty({ type: ChainSubjectView, description: 'What the chain decides on: province, bloc, cycle, title' })
  subject: ChainSubjectView;

  @ApiProperty({ type: PersonRefView })
  submittedBy: PersonRefView;

  @ApiProperty()
  submittedAt: string;

  @ApiProperty({ type: [String] })
  itemOrder: string[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ChainItemView) },
    description: 'Items by id, each with its status, round and decisions',
  })
  items: Record<string, ChainItemView>;

  @ApiProperty({ type: 'array', items: OBJECT })
  levels: object[];

  @ApiProperty({ type: [ChainIncidentView] })
  incidents: ChainIncidentView[];

  @ApiProperty({ type: [EvidenceRecordView] })
  evidence: EvidenceRecordView[];

  @ApiProperty({ type: [ChainEventView], description: 'The timeline, each event with its Vietnamese label' })
  log: ChainEventView[];

  @ApiProperty({ type: [OpenTaskView] })
  tasks: OpenTaskView[];

  @ApiPropertyOptional()
  completedAt?: string;

  @ApiPropertyOptional()
  returnsEndChain?: boolean;
}

export class BulkResultView {
  @ApiProperty()
  chainId: string;

  @ApiProperty({ description: 'Position of the command in the batch' })
  commandIndex: number;

  @ApiPropertyOptional()
  itemId?: string;

  @ApiProperty()
  ok: boolean;

  @ApiPropertyOptional({ description: 'The refusal code when not ok' })
  code?: string;

  @ApiPropertyOptional()
  detail?: string;

  @ApiPropertyOptional({ description: 'The Vietnamese message of the code' })
  message?: string;

  @ApiPropertyOptional({ type: WinnerView, description: 'TASK_ALREADY_DECIDED: who decided first' })
  winner?: WinnerView;
}

export class BulkAnswerView {
  @ApiProperty({ type: [BulkResultView] })
  results: BulkResultView[];
}

/** An APPROVAL (a decision waiting at a level of a chain) or a CYCLE_STEP (a step of a cycle waiting for me). */
export class InboxItemView {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['APPROVAL', 'CYCLE_STEP'] })
  kind: string;

  @ApiProperty({ example: 'APPROVAL_DECISION' })
  action: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  provinceCode: string;

  @ApiPropertyOptional()
  blocCode?: string;

  @ApiPropertyOptional()
  cycleId?: string;

  @ApiPropertyOptional({ enum: PHASES })
  phase?: string;

  @ApiPropertyOptional({ description: 'APPROVAL only' })
  chainId?: string;

  @ApiPropertyOptional({ description: 'APPROVAL only' })
  levelCode?: string;

  @ApiPropertyOptional({ description: 'APPROVAL only' })
  levelName?: string;

  @ApiPropertyOptional({ type: [InboxItemRefView], description: 'APPROVAL only' })
  items?: InboxItemRefView[];

  @ApiPropertyOptional({ type: PersonRefView })
  actingFor?: PersonRefView;

  @ApiPropertyOptional({ type: ChainOriginView, description: 'APPROVAL only: who started the chain, and from where' })
  origin?: ChainOriginView;

  @ApiPropertyOptional()
  dueAt?: string;

  @ApiProperty()
  overdue: boolean;

  @ApiPropertyOptional({ description: 'CYCLE_STEP only: the unit the step is about' })
  unitCode?: string;
}

export class InboxView {
  @ApiProperty({ type: [InboxItemView] })
  items: InboxItemView[];
}

export class IncidentView {
  @ApiProperty()
  chainId: string;

  @ApiProperty()
  incidentId: string;

  @ApiProperty()
  provinceCode: string;

  @ApiProperty()
  levelCode: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: String, nullable: true })
  role: string | null;

  @ApiProperty({ type: String, nullable: true })
  detail: string | null;

  @ApiProperty({ format: 'date-time' })
  openedAt: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  resolvedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  resolution: string | null;

  @ApiProperty()
  title: string;
}

export class DelegationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  fromUser: string;

  @ApiProperty()
  toUser: string;

  @ApiProperty({ format: 'date' })
  validFrom: string;

  @ApiProperty({ format: 'date' })
  validTo: string;

  @ApiProperty({ enum: ['DELEGATION', 'OUT_OF_OFFICE'] })
  kind: string;

  @ApiProperty()
  reason: string;

  @ApiProperty()
  createdBy: string;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  endedAt: string | null;
}
