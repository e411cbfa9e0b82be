export { cycleWorkflow } from './cycle.workflow';
export { unitAssessmentWorkflow } from './assessment.workflow';
