/**
 * How steps refer to uploaded files (POST /v1/files): by the SHA-256 of the content. Score-sheet evidence is a list
 * of strings, so an uploaded file there is written `sha256:<64 hex>` beside the free-text references of older sheets;
 * the dossier names its files in `sha256` fields. Pure: shared by the API, the projection and the web app.
 */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const FILE_REF_PREFIX = 'sha256:';
const FILE_REF = /^sha256:([0-9a-f]{64})$/;

/** The hash an evidence reference names, or undefined for a free-text reference. */
export function fileRefHash(ref: string): string | undefined {
  return FILE_REF.exec(ref)?.[1];
}

export const fileRef = (sha256: string): string => `${FILE_REF_PREFIX}${sha256}`;

/** What a step used a file as: recorded with its hash in the step's audit entry. */
export type FileUse = 'TO_TRINH' | 'ACHIEVEMENT_REPORT' | 'SIGNED_SCAN' | 'EVIDENCE';

/** One file a step used, as the audit entry records it (`data.files`). */
export interface UsedFile {
  sha256: string;
  use: FileUse;
  unitCode?: string;
  criterionCode?: string;
}

/** The files a set of criterion scores cites, in order, each once per criterion. */
export function evidenceFiles(
  scores: readonly { criterionCode: string; evidenceRefs: readonly string[] }[],
  unitCode?: string,
): UsedFile[] {
  const files: UsedFile[] = [];
  for (const score of scores) {
    const seen = new Set<string>();
    for (const ref of score.evidenceRefs) {
      const sha256 = fileRefHash(ref);
      if (!sha256 || seen.has(sha256)) continue;
      seen.add(sha256);
      files.push({ sha256, use: 'EVIDENCE', criterionCode: score.criterionCode, ...(unitCode ? { unitCode } : {}) });
    }
  }
  return files;
}

/** The files a dossier submission names: its tờ trình, its achievement reports and its signed scans. */
export function dossierFiles(dossier: {
  toTrinh?: { sha256?: string };
  achievementReports: readonly { unitCode: string; sha256?: string }[];
  signedScans?: readonly { sha256: string }[];
}): UsedFile[] {
  return [
    ...(dossier.toTrinh?.sha256 ? [{ sha256: dossier.toTrinh.sha256, use: 'TO_TRINH' as const }] : []),
    ...dossier.achievementReports.flatMap((r) =>
      r.sha256 ? [{ sha256: r.sha256, use: 'ACHIEVEMENT_REPORT' as const, unitCode: r.unitCode }] : [],
    ),
    ...(dossier.signedScans ?? []).map((s) => ({ sha256: s.sha256, use: 'SIGNED_SCAN' as const })),
  ];
}
