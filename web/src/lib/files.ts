/** Score-sheet evidence names an uploaded file as `sha256:<64 hex>` (the API's CriterionScoreDto.evidenceRefs). */
const FILE_REF = /^sha256:([0-9a-f]{64})$/;

export const fileRefHash = (ref: string): string | undefined => FILE_REF.exec(ref)?.[1];
export const fileRef = (sha256: string): string => `sha256:${sha256}`;
