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
/** The cycle's projection ships the event and the parts of the view it changed, as a local activity (issue 17). */
export const PATCH_PROJECTION_DELTA = 'projection-delta-local';
/** The unit's self-assessment projection runs as a local activity (issue 17). */
export const PATCH_ASSESSMENT_LOCAL_PROJECTION = 'assessment-local-projection';
/**
 * The cycle's recorded events go to the read model in batches: one local activity (`projectCycleSteps`) for a step's
 * events and for every step that arrived while the previous batch was being written (25 pledges at once: a few
 * projections instead of 25 in a row), each event with its own delta, all in one transaction.
 */
export const PATCH_PROJECTION_BATCH = 'projection-batch';
/** The ballot's minutes give each candidate not chosen its reason, and a Cờ CP candidate may stand on its own (rules). */
export const PATCH_GOVERNMENT_FLAG_CANDIDACY = 'government-flag-candidacy';
/** A LIVE cycle whose dossier is accepted while its province has an open round hands its nominees to the round. */
export const PATCH_ROUND_HANDOFF = 'province-round-handoff';
/**
 * A bloc-year's history carries what the work needs (issue 17): the units' sheets run as `selfAssessmentWorkflow`
 * (no patch markers or upserts, criteria without their names) and the cycle ends with its summary, not its whole view
 * (40 KB at 25 units; the read model holds the view).
 */
export const PATCH_LEAN_HISTORY = 'lean-history';
/**
 * Cycles from here on open their units' sheets as `unitSheetWorkflow`, whose projections run one at a time in the order
 * the sheet asked for them. With two of a sheet's local activities in flight at once (its opening and a step that
 * arrived in the same workflow task, when a busy worker took the sheet's first task late), SDK core 1.24 resolves them
 * one by one as they finish, but on replay both at once, so the step's answer and the deadline timer change places and
 * the sheet's replay fails with a nondeterminism error (TMPRL1100) after any cache eviction or worker restart.
 */
export const PATCH_SHEETS_IN_ORDER = 'sheet-projections-in-order';
