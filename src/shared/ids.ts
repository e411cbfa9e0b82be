export const CYCLE_TASK_QUEUE_DEFAULT = 'thidua-cycles';

const SAFE = /^[A-Za-z0-9_-]+$/;

function part(name: string, value: string): string {
  if (!SAFE.test(value)) throw new Error(`${name} must match ${SAFE.source}: ${value}`);
  return value;
}

/**
 * One cycle per bloc per year: the id itself prevents a second start. Codes may contain '-' and '_',
 * so the parts are joined with '.', which no code contains, and two blocs can never share an id.
 */
export function cycleWorkflowId(provinceCode: string, blocCode: string, year: number): string {
  if (!Number.isInteger(year)) throw new Error(`year must be a whole number: ${year}`);
  return `cycle.${part('provinceCode', provinceCode)}.${part('blocCode', blocCode)}.${year}`;
}

export function assessmentWorkflowId(cycleId: string, unitCode: string): string {
  return `${cycleId}.assessment.${part('unitCode', unitCode)}`;
}

export function nomineeId(award: string, unitCode: string): string {
  return `${award}:${unitCode}`;
}

/** The parts of a cycle id, or undefined when it is not one. */
export function parseCycleId(cycleId: string): { provinceCode: string; blocCode: string; year: number } | undefined {
  const match = /^cycle\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.(\d{4})$/.exec(cycleId);
  if (!match) return undefined;
  return { provinceCode: match[1], blocCode: match[2], year: Number(match[3]) };
}

/** The approval chains a cycle runs for its steps (child workflows; see rules.approvalChains). */
export const appraisalChainId = (cycleId: string) => `${cycleId}.appraisal`;
export const dossierChainId = (cycleId: string, round: number) => `${cycleId}.dossier.${round}`;
export const leadershipChainId = (cycleId: string) => `${cycleId}.leadership`;
export const assessmentChainId = (cycleId: string, unitCode: string, round: number) =>
  `${assessmentWorkflowId(cycleId, unitCode)}.review.${round}`;

/**
 * The workflow ids of approval chains: those started through the API (`approval.<province>.<id>`) and those above. The
 * approvals API drives only these, never a cycle or assessment workflow.
 */
const CHAIN_ID =
  /^(approval\.[A-Za-z0-9_-]+\.[A-Za-z0-9-]+|cycle\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.\d{4}\.(appraisal|leadership|dossier\.\d{1,4}|assessment\.[A-Za-z0-9_-]+\.review\.\d{1,4}))$/;

export function isApprovalChainId(id: string): boolean {
  return CHAIN_ID.test(id);
}
