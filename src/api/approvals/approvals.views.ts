import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OBJECT } from '../cycles/dto/cycle-state.view';

/** An approval chain definition: its levels, how each decides, deadlines, reminders, escalation. */
export class ChainDefinitionView {
  @ApiProperty({ example: 'THAM_DINH_HO_SO_CAP_TINH' })
  code: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'array', items: OBJECT, description: 'The levels in order, each with who decides and how' })
  levels: object[];

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

  @ApiPropertyOptional(OBJECT)
  actingFor?: object;

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
export class ChainView {
  @ApiProperty()
  chainId: string;

  @ApiProperty({ enum: ['IN_PROGRESS', 'COMPLETE'] })
  status: string;

  @ApiProperty({ type: ChainDefinitionView })
  definition: ChainDefinitionView;

  @ApiProperty({ ...OBJECT, description: 'What the chain decides on: province, bloc, cycle, title' })
  subject: object;

  @ApiProperty(OBJECT)
  submittedBy: object;

  @ApiProperty()
  submittedAt: string;

  @ApiProperty({ type: [String] })
  itemOrder: string[];

  @ApiProperty({ ...OBJECT, description: 'Items by id, each with its status, round and decisions' })
  items: object;

  @ApiProperty({ type: 'array', items: OBJECT })
  levels: object[];

  @ApiProperty({ type: 'array', items: OBJECT })
  incidents: object[];

  @ApiProperty({ type: 'array', items: OBJECT })
  evidence: object[];

  @ApiProperty({ type: 'array', items: OBJECT, description: 'The timeline, each event with its Vietnamese label' })
  log: object[];

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

  @ApiPropertyOptional({ ...OBJECT, description: 'TASK_ALREADY_DECIDED: who decided first' })
  winner?: object;
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

  @ApiPropertyOptional()
  phase?: string;

  @ApiPropertyOptional({ description: 'APPROVAL only' })
  chainId?: string;

  @ApiPropertyOptional({ description: 'APPROVAL only' })
  levelCode?: string;

  @ApiPropertyOptional({ description: 'APPROVAL only' })
  levelName?: string;

  @ApiPropertyOptional({ type: 'array', items: OBJECT, description: 'APPROVAL only' })
  items?: object[];

  @ApiPropertyOptional(OBJECT)
  actingFor?: object;

  @ApiPropertyOptional({ ...OBJECT, description: 'APPROVAL only: who started the chain, and from where' })
  origin?: object;

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
