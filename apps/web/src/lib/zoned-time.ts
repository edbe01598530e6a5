/**
 * Date-times as the setup form shows them: in the event's time zone, as a `datetime-local` input reads and writes
 * them (`2027-05-02T00:00`), and as the service stores them (UTC ISO 8601). Luxon does the zone arithmetic, so
 * daylight saving is right on both sides of a change.
 */
import { DateTime, IANAZone } from 'luxon';

/** The value of a `datetime-local` input showing the instant `iso` in `zone`; '' when either is not valid. */
export function utcToLocalInput(iso: string, zone: string): string {
  if (!iso || !IANAZone.isValidZone(zone)) return '';
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return dt.isValid ? dt.toFormat("yyyy-MM-dd'T'HH:mm") : '';
}

/**
 * The UTC instant of a wall-clock `local` (`yyyy-MM-ddTHH:mm`) in `zone`, or null when either is not valid. A time
 * that does not exist (skipped when the clocks go forward) moves forward by the skipped hour; a time that happens
 * twice (when they go back) is the second of the two (standard time, as Luxon reads it).
 */
export function localInputToUtc(local: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local) || !IANAZone.isValidZone(zone)) return null;
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) return null;
  return dt.toUTC().toISO({ suppressMilliseconds: true });
}

/** The zone's offset from UTC at `iso` (default now), e.g. "UTC+02:00"; '' for an unknown zone. */
export function utcOffset(zone: string, iso?: string): string {
  if (!IANAZone.isValidZone(zone)) return '';
  const at = iso ? DateTime.fromISO(iso, { setZone: true }) : DateTime.now();
  const dt = (at.isValid ? at : DateTime.now()).setZone(zone);
  return `UTC${dt.toFormat('ZZ')}`;
}

/** Every IANA time zone this browser knows (for the picker), with `current` in it even if the browser lacks it. */
export function timeZones(current = ''): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const known = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  const all = new Set([...known, 'UTC']);
  if (current && IANAZone.isValidZone(current)) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** Whether `zone` is an IANA time zone name. */
export const isTimeZone = (zone: string): boolean => zone !== '' && IANAZone.isValidZone(zone);
