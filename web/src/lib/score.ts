import type { CriteriaGroup, Criterion, CriterionScore } from '../api/types';

/**
 * The score sheet as typed: validation as you type and the running total. The server checks the same rules
 * (and is the one that counts); this only tells people early.
 */
export interface ScoreInput {
  points: string;
  /** One evidence reference (a link or a document name) per line. */
  evidence: string;
}

/** Accepts a decimal comma (39,5) as well as a point; at most two decimals. */
export function parsePoints(raw: string): number | null {
  const text = raw.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return null;
  return Number(text);
}

export const evidenceRefs = (raw: string): string[] =>
  raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

/** What is wrong with one criterion's entry, in Vietnamese; null when it is fine. */
export function scoreError(criterion: Criterion, input: ScoreInput | undefined): string | null {
  const raw = input?.points ?? '';
  if (raw.trim() === '') return 'Chưa nhập điểm.';
  const points = parsePoints(raw);
  if (points === null) return 'Điểm phải là số không âm, tối đa 2 chữ số thập phân.';
  if (points > criterion.maxPoints) return `Điểm không được vượt quá ${String(criterion.maxPoints).replace('.', ',')}.`;
  if (criterion.evidenceRequired && evidenceRefs(input?.evidence ?? '').length === 0) {
    return 'Tiêu chí này bắt buộc có minh chứng.';
  }
  return null;
}

export function sheetErrors(criteria: readonly Criterion[], inputs: Record<string, ScoreInput>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const c of criteria) {
    const error = scoreError(c, inputs[c.code]);
    if (error) errors[c.code] = error;
  }
  return errors;
}

/** The scores to send; only call when sheetErrors is empty. */
export function toScores(criteria: readonly Criterion[], inputs: Record<string, ScoreInput>): CriterionScore[] {
  return criteria.map((c) => ({
    criterionCode: c.code,
    points: parsePoints(inputs[c.code]?.points ?? '') ?? 0,
    evidenceRefs: evidenceRefs(inputs[c.code]?.evidence ?? ''),
  }));
}

export function toInputs(scores: readonly CriterionScore[] | undefined): Record<string, ScoreInput> {
  const inputs: Record<string, ScoreInput> = {};
  for (const s of scores ?? []) {
    inputs[s.criterionCode] = { points: String(s.points).replace('.', ','), evidence: s.evidenceRefs.join('\n') };
  }
  return inputs;
}

const hundredths = (points: number) => Math.round(points * 100);

/**
 * The total as the server counts it: NORMAL points of a group up to the group's maximum, BONUS on top,
 * PENALTY deducted; entries that are not valid numbers count as 0.
 */
export function runningTotal(
  criteria: readonly Criterion[],
  groups: readonly CriteriaGroup[] | undefined,
  inputs: Record<string, ScoreInput>,
): number {
  const groupMax = new Map((groups ?? []).map((g) => [g.code, hundredths(g.maxPoints)]));
  const inGroup = new Map<string, number>();
  let total = 0;
  for (const c of criteria) {
    const points = hundredths(Math.min(parsePoints(inputs[c.code]?.points ?? '') ?? 0, c.maxPoints));
    const type = c.type ?? 'NORMAL';
    if (type === 'BONUS') total += points;
    else if (type === 'PENALTY') total -= points;
    else if (c.groupCode !== undefined && groupMax.has(c.groupCode)) {
      inGroup.set(c.groupCode, (inGroup.get(c.groupCode) ?? 0) + points);
    } else total += points;
  }
  for (const [code, scored] of inGroup) total += Math.min(scored, groupMax.get(code) ?? scored);
  return total / 100;
}

/** The highest total the sheet allows (NORMAL maxima within group caps, plus bonus). */
export function maximumTotal(criteria: readonly Criterion[], groups: readonly CriteriaGroup[] | undefined): number {
  const inputs: Record<string, ScoreInput> = {};
  for (const c of criteria) inputs[c.code] = { points: c.type === 'PENALTY' ? '0' : String(c.maxPoints), evidence: 'x' };
  return runningTotal(criteria, groups, inputs);
}

/** Launch form: a criterion row as typed. */
export interface CriterionInput {
  code: string;
  name: string;
  maxPoints: string;
  evidenceRequired: boolean;
  type: 'NORMAL' | 'BONUS' | 'PENALTY';
}

/** Problems of the launch form's criteria, keyed by row index; '' key for the sheet as a whole. */
export function criteriaErrors(rows: readonly CriterionInput[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const code = row.code.trim();
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(code)) errors[i] = 'Mã tiêu chí chỉ gồm chữ không dấu, số, dấu chấm, gạch.';
    else if (seen.has(code)) errors[i] = `Mã ${code} bị trùng.`;
    else if (row.name.trim() === '') errors[i] = 'Chưa nhập tên tiêu chí.';
    else if ((parsePoints(row.maxPoints) ?? 0) <= 0) errors[i] = 'Điểm tối đa phải là số dương.';
    seen.add(code);
  });
  if (rows.length === 0) errors[''] = 'Cần ít nhất một tiêu chí.';
  else if (!rows.some((r) => r.type === 'NORMAL'))
    errors[''] = 'Cần ít nhất một tiêu chí thường (không phải điểm thưởng, điểm trừ).';
  return errors;
}

export function toCriteria(rows: readonly CriterionInput[]): Criterion[] {
  return rows.map((row) => ({
    code: row.code.trim(),
    name: row.name.trim(),
    maxPoints: parsePoints(row.maxPoints) ?? 0,
    evidenceRequired: row.evidenceRequired,
    ...(row.type === 'NORMAL' ? {} : { type: row.type }),
  }));
}
