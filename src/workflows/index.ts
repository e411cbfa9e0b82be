export { cycleWorkflow } from './cycle.workflow';
export { selfAssessmentWorkflow, unitAssessmentWorkflow, unitSheetWorkflow } from './assessment.workflow';
export { approvalChainWorkflow } from './approval-chain.workflow';
export { mailDigestWorkflow } from './mail-digest.workflow';
export { provinceRoundWorkflow } from './province-round.workflow';
