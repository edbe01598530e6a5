import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { isTimeZone, localInputToUtc, timeZones, utcOffset } from '../lib/zoned-time';
import { Field } from './ui';

/**
 * The event's time zone: a searchable list of the browser's IANA zones (an input with a datalist: type part of a
 * name, pick one), with the zone's offset from UTC now, or a warning when the text is no known zone.
 */
export function TimeZoneField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (zone: string) => void;
  error: unknown;
}): ReactNode {
  const { t } = useI18n();
  const listId = useId();
  const zones = timeZones(value);
  const known = isTimeZone(value);
  return (
    <Field
      label={t('setup.timezone')}
      error={error}
      path="timezone"
      hint={
        known ? t('setup.timezoneHint', { offset: utcOffset(value) }) : t('setup.timezoneUnknown', { n: zones.length })
      }
    >
      {(id, d, inv) => (
        <>
          <input
            id={id}
            list={listId}
            value={value}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={d}
            aria-invalid={inv || !known || undefined}
            onChange={(e) => onChange(e.target.value)}
          />
          <datalist id={listId}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

/**
 * The request deadline as a date and time in the event's zone (`value` is the input's wall-clock text); the hint
 * gives the UTC instant it stands for, or `emptyHint` while there is none.
 */
export function DeadlineField({
  value,
  zone,
  onChange,
  error,
  emptyHint,
}: {
  value: string;
  zone: string;
  onChange: (local: string) => void;
  error: unknown;
  emptyHint: string;
}): ReactNode {
  const { t } = useI18n();
  const utc = isTimeZone(zone) ? localInputToUtc(value, zone) : null;
  return (
    <Field
      label={t('setup.deadline')}
      error={error}
      path="requestDeadline"
      hint={utc ? t('setup.deadlineHint', { zone, utc: utc.replace('T', ' ').slice(0, 16) }) : emptyHint}
    >
      {(id, d, inv) => (
        <input
          id={id}
          type="datetime-local"
          value={value}
          aria-describedby={d}
          aria-invalid={inv || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
