/** One validation problem of a refused request: the field it is about and what is wrong. */
export interface Problem {
  field: string;
  message: string;
}

/**
 * Splits a 422 `detail` ("field: message; field: message") into its problems. A message may itself contain "; "
 * (e.g. "unknown award; one of …"): a new problem starts only where "; " is followed by a field path and a colon.
 */
export function parseProblems(detail: string | undefined | null): Problem[] {
  if (!detail?.trim()) return [];
  return detail
    .split(/;\s+(?=[\w.[\]-]+:\s)/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([\w.[\]-]+):\s*(.*)$/s.exec(part);
      return match ? { field: match[1], message: match[2] } : { field: '', message: part };
    });
}
