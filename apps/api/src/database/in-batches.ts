/** Most ids one statement's `IN (...)` lists: well under SQLite's and PostgreSQL's limits on bound parameters. */
export const IDS_PER_STATEMENT = 500;

/**
 * The rows `read` gives for many ids, asking for `IDS_PER_STATEMENT` distinct ids a statement (each id once), in the
 * order of the statements.
 */
export async function readInBatches<T>(
  ids: readonly string[],
  read: (batch: string[]) => Promise<readonly T[]>,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += IDS_PER_STATEMENT)
    out.push(...(await read(unique.slice(i, i + IDS_PER_STATEMENT))));
  return out;
}
