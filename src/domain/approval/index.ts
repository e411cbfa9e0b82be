/**
 * The approval-chain engine: pure, deterministic functions over ChainState (src/shared/approval.ts), safe in workflow
 * code. Every action takes the state and `now` (an ISO instant from the workflow clock) and returns a new state with
 * the events it appended, or a refusal; the input is never changed.
 */
export { activateLevel, chainStatus, levelsToOpen, reopenLevel, startChain } from './chain';
export { decide, decideBulk } from './decide';
export { alreadyDecided } from './decisions';
export {
  checkDelegateEligible,
  delegableTo,
  mayStandInFor,
  resolveAssignees,
  type RoleHolder,
  type ScopedRole,
} from './delegation';
export { chainDefinitionProblems, durationUnit, validateChainDefinition } from './definition';
export { CYCLE_STEP_CHAINS, PROVINCIAL_DOSSIER_APPRAISAL_CHAIN } from './demo-chain';
export { openTasks } from './inbox';
export { reassign, type ReassignRequest } from './reassign';
export { closeOfWorkingDay, formatVietnamTime, levelSchedule, vietnamDateOf, workingDaysBefore } from './schedule';
export { checkSeparationOfDuties, type Decider } from './separation';
export { CHAIN_START_PERMISSIONS, checkInlineLevels, checkMayStart, INLINE_DEFINITION_ROLES } from './start-policy';
export { attachEvidence, cancelChain, comment, resubmit, withdraw } from './submitter';
export { quorumThreshold, tallyItem } from './tally';
export { escalate, fireReminder } from './timers';
export { SYSTEM } from './queries';
