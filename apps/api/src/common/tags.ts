/**
 * Tags stored as a JSON list in one column (a table's features, a delegate's needs): both
 * databases read and write them alike.
 */
/** A stored JSON list of tags ("needs", "features"), tolerant of an empty column. */
export const tagList = (json: string | null | undefined): string[] => {
  try {
    const v: unknown = JSON.parse(json || '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
/** Tags as stored: trimmed, without duplicates, sorted. */
export const storeTags = (tags: readonly string[] | undefined): string =>
  JSON.stringify([...new Set((tags ?? []).map((t) => t.trim()).filter((t) => t !== ''))].sort());
