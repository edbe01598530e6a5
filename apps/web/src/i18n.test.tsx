import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LanguagePicker } from './App';
import { format, I18nProvider, initialLang, translate, useI18n } from './i18n';
import { da } from './messages/da';
import { en } from './messages/en';
import { BarChart } from './components/BarChart';
import { ApiError } from './api/client';

function Probe(): React.ReactNode {
  const { t, formatDate, formatTime } = useI18n();
  return (
    <p data-testid="probe">
      {t('directory.count', { n: 7 })} | {formatDate('2027-05-11T07:30:00Z', 'Europe/Copenhagen')} |{' '}
      {formatTime('2027-05-11T07:30:00Z', 'Europe/Copenhagen')}
    </p>
  );
}

describe('i18n layer', () => {
  it('has a non-empty Danish text for every English key, with the same placeholders', () => {
    const keys = Object.keys(en) as (keyof typeof en)[];
    expect(Object.keys(da).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(da[k].trim(), k).not.toBe('');
      const ph = (s: string): string[] => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(ph(da[k]), k).toEqual(ph(en[k]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Hello {name}, {n} left', { name: 'Ana', n: 3 })).toBe('Hello Ana, 3 left');
    expect(format('Hello {name}')).toBe('Hello {name}');
    expect(translate('da', 'request.sent', { name: 'X' })).toBe('Anmodning sendt til X.');
    expect(translate('en', 'request.sent', { name: 'X' })).toBe('Request sent to X.');
  });

  it('takes the saved choice first, then the browser language', () => {
    window.localStorage.setItem('clustermatch.lang', 'da');
    expect(initialLang()).toBe('da');
    window.localStorage.setItem('clustermatch.lang', 'xx');
    expect(initialLang()).toBe(window.navigator.language.toLowerCase().startsWith('da') ? 'da' : 'en');
  });

  it('formats times in the event time zone, per language', () => {
    render(
      <I18nProvider lang="en">
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByTestId('probe').textContent).toBe('7 clusters | Tue 11 May | 09:30');
  });

  it('lets the user switch language with a labelled select, remembers it and sets <html lang>', async () => {
    const user = userEvent.setup();
    render(
      <I18nProvider lang="en">
        <LanguagePicker />
        <Probe />
      </I18nProvider>,
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'da');
    expect(screen.getByTestId('probe').textContent).toMatch(/^7 klynger \| tirs\.? 11\.? maj \| 09[.:]30$/);
    expect(screen.getByRole('combobox', { name: 'Sprog' })).toBeTruthy();
    expect(window.localStorage.getItem('clustermatch.lang')).toBe('da');
    expect(document.documentElement.lang).toBe('da');
  });
});

describe('small pieces', () => {
  it('BarChart scales bars to the largest value and labels them for screen readers', () => {
    const { container } = render(
      <I18nProvider lang="en">
        <BarChart
          title="Meetings per country"
          unit="meetings"
          bars={[
            { label: 'DK', value: 4 },
            { label: 'SE', value: 2, total: 4 },
          ]}
        />
      </I18nProvider>,
    );
    expect(screen.getByRole('img', { name: 'Meetings per country' })).toBeTruthy();
    const bars = [...container.querySelectorAll<HTMLElement>('.bar')].map((r) => r.style.width);
    expect(bars).toEqual(['100%', '50%']);
    expect(container.querySelectorAll('.bar-total').length).toBe(1);
    // The same figures as a table for screen readers.
    const table = screen.getByRole('table', { name: 'Meetings per country' });
    expect([...table.querySelectorAll('tr')].map((r) => r.textContent)).toEqual(['NamemeetingsOut of', 'DK4', 'SE24']);
  });

  it('ApiError finds the messages of a field and of fields nested under it', () => {
    const e = new ApiError(400, 'bad', [
      { path: 'days[0].startTime', code: 'time_format', message: 'must be a time HH:mm' },
      { path: 'members.smes', code: 'min', message: 'must not be less than 0' },
      { path: 'name', code: 'unknown', message: 'too long' },
    ]);
    expect(e.forField('name')).toEqual(['too long']);
    expect(e.forField('days[0].startTime')).toEqual(['must be a time HH:mm']);
    expect(e.forField('members')).toEqual(['members.smes: must not be less than 0']);
    expect(e.forField('days')).toEqual(['days[0].startTime: must be a time HH:mm']);
    expect(e.forField('website')).toEqual([]);
  });
});
