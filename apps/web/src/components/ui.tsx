import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import { describeError, messageText } from '../lib/errors';

/** The messages the API gave for one field path. */
export function fieldErrors(err: unknown, path: string): string[] {
  return err instanceof ApiError ? err.forField(path) : [];
}

/** A labelled control with its API errors right under it (and linked by aria-describedby). */
export function Field(props: {
  label: string;
  error?: unknown;
  path?: string;
  hint?: string;
  children: (id: string, describedBy: string | undefined, invalid: boolean) => ReactNode;
}): ReactNode {
  const id = useId();
  const { t } = useI18n();
  const errs = (props.path ? fieldErrors(props.error, props.path) : []).map((m) => messageText(t, m));
  const errId = `${id}-err`;
  const hintId = `${id}-hint`;
  const described = [errs.length ? errId : '', props.hint ? hintId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errs.length ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, described, errs.length > 0)}
      {props.hint ? (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      ) : null}
      {errs.length ? (
        <div id={errId} className="field-error" role="alert">
          {errs.join('; ')}
        </div>
      ) : null}
    </div>
  );
}

/**
 * A labelled one-line text input (`Field` with its `<input>`): the API's errors for `path` show under it and are
 * linked by aria-describedby, and it is marked aria-invalid while it has one. `onChange` gets the new text.
 */
export function TextField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: unknown;
  path?: string;
  hint?: string;
  type?: 'text' | 'email' | 'url' | 'date' | 'password' | 'search' | 'tel';
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
}): ReactNode {
  return (
    <Field label={props.label} error={props.error} path={props.path} hint={props.hint}>
      {(id, describedBy, invalid) => (
        <input
          id={id}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength}
          required={props.required}
          value={props.value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/**
 * A general error of a form or page, in the user's language: no status codes or ids; bad input lists each field as
 * the form labels it ("Day 1, first meeting: must be a time"), and the fields show their own message too.
 */
export function ErrorBanner({ error }: { error: unknown }): ReactNode {
  const { t } = useI18n();
  if (!error) return null;
  const { text, lines } = describeError(t, error);
  return (
    <div className="banner banner-error" role="alert">
      <strong>{t('common.error')}</strong>: {text}
      {lines.length > 0 ? (
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="banner banner-ok" role="status">
      {children}
    </div>
  );
}

export function Loading(): ReactNode {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Interest 1-5 as a labelled select. */
export function InterestSelect(props: {
  id: string;
  value: number;
  onChange: (v: number) => void;
  describedBy?: string;
  invalid?: boolean;
}): ReactNode {
  const { t } = useI18n();
  return (
    <select
      id={props.id}
      value={props.value}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      onChange={(e) => props.onChange(Number(e.target.value))}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <option key={n} value={n}>
          {n} – {t(`interest.${n}` as 'interest.1')}
        </option>
      ))}
    </select>
  );
}

/** Errors for a group of controls (a fieldset) that has no single input. */
export function InlineErrors({ error, path }: { error: unknown; path: string }): ReactNode {
  const { t } = useI18n();
  const msgs = fieldErrors(error, path).map((m) => messageText(t, m));
  return msgs.length ? (
    <div className="field-error" role="alert">
      {msgs.join('; ')}
    </div>
  ) : null;
}

/**
 * The state of an "are you sure?" step before a high-impact action: the dialog text's id, whether it is shown, the
 * button that opens it (focus returns there on cancel) and the one that confirms (focused when it opens), Escape
 * to cancel, and Tab kept inside the dialog while it is open.
 */
export function useConfirm() {
  const textId = useId();
  const [confirming, setConfirming] = useState(false);
  const openRef = useRef<HTMLButtonElement>(null);
  const yesRef = useRef<HTMLButtonElement>(null);
  // The confirming button takes the focus when the dialog opens, or as soon as it can (it may wait for a count);
  // until then the focus stays on the button that opened it.
  const focused = useRef(false);
  useEffect(() => {
    const yes = yesRef.current;
    if (!confirming) focused.current = false;
    if (!confirming || focused.current || !yes || yes.disabled) return;
    focused.current = true;
    yes.focus();
  });
  const cancel = (): void => {
    setConfirming(false);
    openRef.current?.focus();
  };
  /** Escape cancels; Tab and Shift+Tab go round the dialog's controls instead of leaving it. */
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      cancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const controls = [
      ...e.currentTarget.querySelectorAll<HTMLElement>(
        'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled])',
      ),
    ];
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (!first || !last) return;
    if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    } else if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    }
  };
  return { textId, confirming, setConfirming, openRef, yesRef, cancel, onKey };
}

/**
 * The frame of a table that may be wider than the screen: it scrolls sideways instead of widening the page (or, with
 * a height limit, down). While it
 * scrolls it is a region in the tab order, named by the table's caption, so a keyboard user can reach it and scroll
 * with the arrow keys (WCAG 2.1.1; axe's `scrollable-region-focusable`).
 */
export function TableWrap({ className, children }: { className?: string; children: ReactNode }): ReactNode {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const check = (): void =>
      setName(
        el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
          ? el.querySelector('caption')?.textContent?.trim() || t('common.wideTable')
          : null,
      );
    check();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const watch = new ResizeObserver(check);
    watch.observe(el);
    if (el.firstElementChild) watch.observe(el.firstElementChild);
    return () => watch.disconnect();
  }, [t]);
  return (
    <div
      ref={ref}
      className={className ? `table-wrap ${className}` : 'table-wrap'}
      {...(name ? { tabIndex: 0, role: 'region', 'aria-label': name } : {})}
    >
      {children}
    </div>
  );
}

export type Confirm = ReturnType<typeof useConfirm>;

/**
 * The "are you sure?" step of a high-impact action, over `useConfirm` (whose `openRef` goes on the button that
 * opens it): the question, any `children` (a preview, a progress bar, an error), then the confirming button and
 * Cancel. While `busy`, both are disabled, the dialog is `aria-busy` and the confirming button says `busyText`.
 */
export function ConfirmDialog(props: {
  confirm: Confirm;
  text: ReactNode;
  yes: string;
  onYes: () => void;
  busy?: boolean;
  busyText?: string;
  /** The confirming button is disabled (e.g. while the preview is still counting). */
  disabled?: boolean;
  /** The action cannot be undone (an erasure): the confirming button is styled as dangerous. */
  danger?: boolean;
  children?: ReactNode;
}): ReactNode {
  const { t } = useI18n();
  const { confirming, textId, cancel, onKey, yesRef } = props.confirm;
  const busy = props.busy ?? false;
  // The confirming button is the hook's `yesRef`: the hook focuses it when the dialog opens, or as soon as it is
  // enabled when it opens disabled (publish waits for its preview's count).
  if (!confirming) return null;
  return (
    <div
      role="alertdialog"
      aria-labelledby={textId}
      aria-busy={busy || undefined}
      className="banner confirm"
      onKeyDown={onKey}
    >
      <p id={textId}>{props.text}</p>
      {props.children}
      <div className="actions">
        <button
          ref={yesRef}
          type="button"
          className={props.danger ? 'danger' : 'primary'}
          disabled={busy || props.disabled}
          onClick={props.onYes}
        >
          {busy && props.busyText ? props.busyText : props.yes}
        </button>
        <button type="button" disabled={busy} onClick={cancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
