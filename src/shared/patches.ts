/**
 * Change ids for the cycle workflow's patched(): each guards a change that running cycles must not see differently on
 * replay. Kept here so the pure machine (src/domain/cycle) can name the points where it asks; the workflow re-exports them.
 */
export const PATCH_WORKING_DAY_CALENDAR = 'working-day-calendar';
export const PATCH_APPRAISAL_DEADLINE_TIMER = 'appraisal-deadline-timer';
export const PATCH_APPRAISAL_CHAIN = 'appraisal-chain';
export const PATCH_SELF_ASSESSMENT_CHAIN = 'self-assessment-chain';
export const PATCH_DOSSIER_REVIEW_CHAIN = 'dossier-review-chain';
export const PATCH_LEADERSHIP_CHAIN = 'leadership-approval-chain';
/** A LIVE cycle whose dossier is accepted while its province has an open round hands its nominees to the round. */
export const PATCH_ROUND_HANDOFF = 'province-round-handoff';
