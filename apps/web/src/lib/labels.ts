/** Today as YYYY-MM-DD in UTC (how the service compares a label's validity). */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** A label other than none whose validity date has passed (the service answers the same as `labelExpired`). */
export function isLabelExpired(label: string, validUntil: string | null | undefined, today = todayIso()): boolean {
  return label !== 'none' && !!validUntil && validUntil < today;
}
