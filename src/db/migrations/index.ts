import { InitialSchema1795337528399 } from './1795337528399-InitialSchema';
import { UnitConditions1795339666502 } from './1795339666502-UnitConditions';
import { RuleSets1795339674840 } from './1795339674840-RuleSets';
import { BallotBoxes1795340501517 } from './1795340501517-BallotBoxes';
import { AuditLog1795341249771 } from './1795341249771-AuditLog';
import { CycleSnapshots1795342600102 } from './1795342600102-CycleSnapshots';
import { Identity1795344339678 } from './1795344339678-Identity';
import { ApprovalChains1795345314611 } from './1795345314611-ApprovalChains';
import { SecurityEvents1795400000000 } from './1795400000000-SecurityEvents';
import { RoleGrantsAndChainStarts1795430000000 } from './1795430000000-RoleGrantsAndChainStarts';
import { CrossScorerSheets1795440000000 } from './1795440000000-CrossScorerSheets';
import { RuleSetRevisions1795440000001 } from './1795440000001-RuleSetRevisions';
import { ScoreReasons1795440000002 } from './1795440000002-ScoreReasons';
import { CycleMode1795460000000 } from './1795460000000-CycleMode';
import { OrganisationMasterData1795460000001 } from './1795460000001-OrganisationMasterData';
import { WorkbookImport1795460000002 } from './1795460000002-WorkbookImport';
import { NominationSources1795470000000 } from './1795470000000-NominationSources';
import { ProvinceRounds1795470100000 } from './1795470100000-ProvinceRounds';
import { DocumentTemplates1795470300000 } from './1795470300000-DocumentTemplates';
import { Files1795470400000 } from './1795470400000-Files';
import { MailOutbox1795470500000 } from './1795470500000-MailOutbox';
import { AssessmentView1795470600000 } from './1795470600000-AssessmentView';

/** Listed explicitly so the compiled app and the TypeORM CLI apply the same migrations in the same order. */
export const MIGRATIONS = [
  InitialSchema1795337528399,
  UnitConditions1795339666502,
  RuleSets1795339674840,
  BallotBoxes1795340501517,
  AuditLog1795341249771,
  CycleSnapshots1795342600102,
  Identity1795344339678,
  ApprovalChains1795345314611,
  SecurityEvents1795400000000,
  RoleGrantsAndChainStarts1795430000000,
  CrossScorerSheets1795440000000,
  RuleSetRevisions1795440000001,
  ScoreReasons1795440000002,
  CycleMode1795460000000,
  OrganisationMasterData1795460000001,
  WorkbookImport1795460000002,
  NominationSources1795470000000,
  ProvinceRounds1795470100000,
  DocumentTemplates1795470300000,
  Files1795470400000,
  MailOutbox1795470500000,
  AssessmentView1795470600000,
];
