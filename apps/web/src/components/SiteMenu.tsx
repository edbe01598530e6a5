import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import { useI18n, type MessageKey } from '../i18n';

/** One section of the menu: a title and its pages (`[path, label]`). */
export interface NavGroup {
  readonly title: MessageKey;
  readonly links: readonly (readonly [string, MessageKey])[];
}

/**
 * The site's navigation (issue 16, item 2): one button ("Menu", with the current page beside it) opening the pages
 * grouped in sections, the same at every width, so the header stays one line on a phone. The button says whether
 * the menu is open (`aria-expanded`); opening moves the focus to the current page's link (else the first); Escape
 * closes and gives the focus back to the button; so does a click outside or tabbing out of the menu. Following a
 * link closes the menu and moves the focus to the page's main region, so a keyboard or screen-reader user starts
 * reading the new page rather than staying on the link.
 */
export function SiteMenu({ groups }: { groups: readonly NavGroup[] }): ReactNode {
  const { t } = useI18n();
  const { pathname } = useLocation();
  // Open on the page where it was opened: going to another page (a link, Back) closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean | ((was: boolean) => boolean)): void =>
    setOpenOn((typeof next === 'function' ? next(open) : next) ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const current = groups.flatMap((g) => g.links).find(([to]) => to === pathname);

  useEffect(() => {
    if (!open) return undefined;
    const links = panel.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [];
    const start = [...links].find((a) => a.getAttribute('aria-current') === 'page') ?? links[0];
    start?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      setOpenOn(null);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent | MouseEvent): void => {
      const target = e.target as Node | null;
      if (target && !panel.current?.contains(target) && !button.current?.contains(target)) setOpenOn(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onPointer);
    };
  }, [open]);

  return (
    <nav aria-label={t('nav.main')} className="site-menu">
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="menu-icon">
          ☰
        </span>{' '}
        {t('menu.button')}
        {current ? <span className="menu-current"> · {t(current[1])}</span> : null}
      </button>
      <div
        id={id}
        ref={panel}
        className="menu-panel"
        hidden={!open}
        onBlur={(e) => {
          // Tabbing out of the menu (not to its button) closes it.
          const next = e.relatedTarget as Node | null;
          if (next && !panel.current?.contains(next) && next !== button.current) setOpen(false);
        }}
      >
        {groups.map((g) => (
          <div key={g.title} className="menu-group" role="group" aria-labelledby={`${id}-${g.title}`}>
            <p id={`${id}-${g.title}`} className="menu-group-title">
              {t(g.title)}
            </p>
            <ul>
              {g.links.map(([to, key]) => (
                <li key={to}>
                  <NavLink
                    to={to}
                    end
                    onClick={() => {
                      setOpen(false);
                      document.getElementById('main')?.focus();
                    }}
                  >
                    {t(key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </nav>
  );
}
