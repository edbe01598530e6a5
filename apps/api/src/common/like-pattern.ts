/** Escapes a user string for a LIKE pattern with ESCAPE '\\'. */
export function likePattern(s: string): string {
  return `%${s.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
