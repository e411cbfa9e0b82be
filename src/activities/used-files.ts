import type { AssessmentState, CycleState, ProjectedEvent } from '../shared/cycle-types';
import { dossierFiles, evidenceFiles, type UsedFile } from '../shared/file-refs';

/**
 * The uploaded files a step used, read from the state the step produced, so that its timeline entry and audit entry
 * record their hashes (`data.files`) and the audit chain proves the files, not only their names. Steps that cite no
 * uploaded file (every step of older cycles) record nothing more than before.
 */
export function cycleStepFiles(event: ProjectedEvent, state: CycleState): UsedFile[] {
  switch (event.type) {
    case 'DOSSIER_SUBMITTED':
      return state.dossier ? dossierFiles(state.dossier) : [];
    case 'COUNCIL_VOTED':
      return (state.council?.scoreAdjustments ?? []).flatMap((a) => evidenceFiles(a.scores, a.unitCode));
    default:
      return [];
  }
}

export function assessmentStepFiles(event: ProjectedEvent, state: AssessmentState): UsedFile[] {
  const round = state.rounds[state.rounds.length - 1];
  if (!round) return [];
  switch (event.type) {
    case 'ASSESSMENT_SUBMITTED':
      return evidenceFiles(round.scores, state.unitCode);
    case 'ASSESSMENT_ACCEPTED':
      return round.verified?.adjusted ? evidenceFiles(round.verified.scores, state.unitCode) : [];
    case 'ASSESSMENT_CROSS_SCORED': {
      const sheet = round.cross?.find((c) => c.scorerUnit === event.actor?.unitCode) ?? round.cross?.[round.cross.length - 1];
      return sheet ? evidenceFiles(sheet.scores, state.unitCode) : [];
    }
    default:
      return [];
  }
}

/** The event with the files it used added to its data (unchanged when none). */
export function withFiles<E extends ProjectedEvent>(event: E, files: UsedFile[]): E {
  return files.length === 0 ? event : { ...event, data: { ...event.data, files } };
}
