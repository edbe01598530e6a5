import type { Agenda, AgendaEvent } from '@clustermatch/domain';
import { checkTemplateText, defaultTemplateText, editableTemplates, renderReworded } from './index';

const event: AgendaEvent = {
  name: 'Spring <Match>',
  venue: 'Hall 4',
  timezone: 'Europe/Copenhagen',
  organiserName: 'Team',
  organiserEmail: 'team@example.org',
};
const agenda: Agenda = {
  person: { id: 'p1', name: 'Ana & Bo', party: 'c1', partyName: 'Food' },
  meetings: [
    {
      meetingId: 'm1',
      slotStart: '2027-05-11T09:00:00+02:00',
      slotEnd: '2027-05-11T09:30:00+02:00',
      tableName: 'T1',
      otherParties: ['Robotics <Valley>'],
      people: ['Ana', 'Bo'],
      status: 'confirmed',
      sequence: 0,
    },
  ],
};
const ics = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';

describe('editable templates', () => {
  it('every built-in wording passes its own check in both languages', () => {
    for (const t of editableTemplates)
      for (const l of ['en', 'da'] as const) expect(checkTemplateText(t, defaultTemplateText(t, l))).toEqual([]);
  });

  it('refuses a wording that drops a required placeholder', () => {
    expect(checkTemplateText('schedule-published', { subject: 'Agenda', body: 'See {link}' })).toEqual([
      { path: 'body', message: 'must keep {agenda}' },
    ]);
  });

  it('renders a reworded agenda mail with the meetings as a list, escaped, keeping the .ics', () => {
    const m = renderReworded(
      'schedule-published',
      { event, agenda, ics, link: 'https://x.org/events/e/agenda' },
      { subject: '{event} for {name}', body: 'Your meetings:{agenda}\n\nTimes in {zone}. {link}' },
      'da',
    );
    expect(m.subject).toBe('Spring <Match> for Ana & Bo');
    expect(m.text).toContain(
      'Your meetings:\n- tirs. 11 maj 2027, 09:00–09:30  Møde med Robotics <Valley> · Bord: T1 · Deltagere: Ana, Bo',
    );
    expect(m.html).toContain('<li>tirs. 11 maj 2027, 09:00–09:30  Møde med Robotics &lt;Valley&gt; · Bord: T1');
    expect(m.html).toContain('<a href="https://x.org/events/e/agenda">');
    expect(m.attachments?.[0]?.filename).toBe('agenda.ics');
  });
});
