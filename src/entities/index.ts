import { AccountInvitationEntity } from './account-invitation.entity';
import { WorkbookPreviewEntity } from './workbook-preview.entity';
import { AssessmentScoreEntity } from './assessment-score.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { BallotBoxEntity } from './ballot-box.entity';
import { AwardHistoryEntity } from './award-history.entity';
import { BlocLeadershipEntity } from './bloc-leadership.entity';
import { BlocMembershipEntity } from './bloc-membership.entity';
import { BlocEntity } from './bloc.entity';
import { CycleEventEntity } from './cycle-event.entity';
import { CycleSnapshotEntity } from './cycle-snapshot.entity';
import { CycleUnitEntity } from './cycle-unit.entity';
import { CycleEntity } from './cycle.entity';
import { NominationEntity } from './nomination.entity';
import { RoundEntity, RoundEventEntity } from './round.entity';
import { CouncilMemberEntity } from './council-member.entity';
import { ProvinceEntity } from './province.entity';
import { RuleSetEntity } from './rule-set.entity';
import { RuleSetRevisionEntity } from './rule-set-revision.entity';
import { UnitConditionEntity } from './unit-condition.entity';
import { UnitEntity } from './unit.entity';
import { UnitRatingEntity } from './unit-rating.entity';
import { UserEntity } from './user.entity';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { LoginAttemptEntity } from './login-attempt.entity';
import { ApprovalChainEntity } from './approval-chain.entity';
import { ApprovalTaskEntity } from './approval-task.entity';
import { ApprovalIncidentEntity } from './approval-incident.entity';
import { DelegationEntity } from './delegation.entity';
import { ChainStartEntity } from './chain-start.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { SecurityEventEntity } from './security-event.entity';
import { DocumentTemplateEntity } from './document-template.entity';
import { FileEntity } from './file.entity';
import { MailOutboxEntity } from './mail-outbox.entity';

export const ENTITIES = [
  DocumentTemplateEntity,
  BallotBoxEntity,
  ProvinceEntity,
  RuleSetEntity,
  RuleSetRevisionEntity,
  UnitEntity,
  BlocEntity,
  BlocMembershipEntity,
  BlocLeadershipEntity,
  CycleEntity,
  CycleUnitEntity,
  AssessmentScoreEntity,
  NominationEntity,
  AwardHistoryEntity,
  CycleEventEntity,
  CycleSnapshotEntity,
  UnitConditionEntity,
  UnitRatingEntity,
  AuditEntryEntity,
  UserEntity,
  RoleAssignmentEntity,
  RefreshTokenEntity,
  LoginAttemptEntity,
  ApprovalChainEntity,
  ApprovalTaskEntity,
  ApprovalIncidentEntity,
  DelegationEntity,
  RoleGrantEntity,
  ChainStartEntity,
  SecurityEventEntity,
  AccountInvitationEntity,
  WorkbookPreviewEntity,
  FileEntity,
  MailOutboxEntity,
  RoundEntity,
  RoundEventEntity,
  CouncilMemberEntity,
];

export {
  FileEntity,
  MailOutboxEntity,
  RoundEntity,
  RoundEventEntity,
  CouncilMemberEntity,
  SecurityEventEntity,
  AuditEntryEntity,
  BallotBoxEntity,
  AssessmentScoreEntity,
  AwardHistoryEntity,
  BlocEntity,
  BlocLeadershipEntity,
  BlocMembershipEntity,
  CycleEntity,
  CycleEventEntity,
  CycleSnapshotEntity,
  CycleUnitEntity,
  NominationEntity,
  ProvinceEntity,
  RuleSetEntity,
  RuleSetRevisionEntity,
  UnitConditionEntity,
  UnitEntity,
  UnitRatingEntity,
  UserEntity,
  RoleAssignmentEntity,
  RefreshTokenEntity,
  LoginAttemptEntity,
  ApprovalChainEntity,
  ApprovalTaskEntity,
  ApprovalIncidentEntity,
  DelegationEntity,
  RoleGrantEntity,
  ChainStartEntity,
  AccountInvitationEntity,
  WorkbookPreviewEntity,
  DocumentTemplateEntity,
};
