import type { EntityManager } from 'typeorm';

/**
 * One multi-row INSERT for many rows of one table (a statement per row cost a round trip each: 45 score rows per
 * assessment step, every unit's row of a bloc). Rows go in chunks under PostgreSQL's 65,535 parameters;
 * `now` appends now() as the last column of every row.
 */
export async function insertRows(
  m: EntityManager,
  into: string,
  onConflict: string,
  rows: readonly unknown[][],
  options: { now?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0].length;
  const perChunk = Math.floor(60_000 / width);
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const values = chunk
      .map((_, r) => {
        const cells = Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`);
        return `(${cells.join(', ')}${options.now ? ', now()' : ''})`;
      })
      .join(', ');
    await m.query(`${into} VALUES ${values} ${onConflict}`, chunk.flat());
  }
}
