import type { ReactNode } from 'react';
import { Field } from './ui';

interface Side {
  label: string;
  /** The request field whose validation errors show under this input, e.g. `name` or `text.da`. */
  path: string;
  value: string;
  onChange: (value: string) => void;
}

/**
 * The English and the Danish text of one thing (a term's label, the privacy notice), as two labelled fields that
 * show the service's errors for their own path; `rows` makes them text areas.
 */
export function BilingualFields(props: { en: Side; da: Side; error: unknown; rows?: number }): ReactNode {
  return (
    <>
      {[props.en, props.da].map((side) => (
        <Field key={side.path} label={side.label} error={props.error} path={side.path}>
          {(id, describedBy, invalid) =>
            props.rows ? (
              <textarea
                id={id}
                rows={props.rows}
                value={side.value}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => side.onChange(e.target.value)}
              />
            ) : (
              <input
                id={id}
                value={side.value}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => side.onChange(e.target.value)}
              />
            )
          }
        </Field>
      ))}
    </>
  );
}
