import { MailDataError, render } from './render';

const data = {
  name: 'Ana',
  eventName: 'Spring Match',
  clusterName: 'Hydrogen Valley',
  deadline: '2027-05-01T22:00:00.000Z',
  timezone: 'Europe/Copenhagen',
  suggestions: [
    {
      name: 'Catalonia <H2> Platform',
      reasons: ['You seek “electrolysers”; they offer “electrolyser”', 'They are in Spain'],
    },
    { name: 'Test Centre Nord', reasons: [] },
  ],
  link: 'https://match.example.org/events/e1/directory',
};

describe('recommendations nudge mail', () => {
  it('lists the suggestions with their reasons in English, the deadline in the event zone, escaped in HTML', () => {
    const mail = render('recommendations-nudge', { ...data, language: 'en' });
    expect(mail.subject).toBe('Clusters worth meeting at Spring Match');
    expect(mail.text).toContain('Hello Ana,');
    expect(mail.text).toContain('2 clusters at Spring Match look like a good match for Hydrogen Valley');
    expect(mail.text).toContain(
      '1. Catalonia <H2> Platform\n\n> You seek “electrolysers”; they offer “electrolyser”\n> They are in Spain',
    );
    expect(mail.text).toContain('Meeting requests close on 2 May 2027 at 00:00 (Europe/Copenhagen).');
    expect(mail.text).toContain(
      'See your suggestions and send requests: https://match.example.org/events/e1/directory',
    );
    expect(mail.html).toContain('Catalonia &lt;H2&gt; Platform');
    expect(mail.html).not.toContain('<H2>');
    expect(mail.html).toContain('<html lang="en-GB">');
  });

  it('writes Danish, with the singular for one suggestion', () => {
    const mail = render('recommendations-nudge', { ...data, language: 'da', suggestions: [data.suggestions[1]] });
    expect(mail.subject).toBe('Klynger der er værd at møde ved Spring Match');
    expect(mail.text).toContain('Kære Ana');
    expect(mail.text).toContain('Én klynge ved Spring Match ser ud til at passe godt til Hydrogen Valley');
    expect(mail.text).toContain('Fristen for mødeanmodninger er 2. maj 2027 kl. 00.00 (Europe/Copenhagen).');
    expect(mail.text).toContain('Holdet bag Spring Match');
    expect(mail.html).toContain('<html lang="da-DK">');
  });

  it('refuses a nudge without suggestions or with a bad deadline, naming the field', () => {
    expect(() => render('recommendations-nudge', { ...data, language: 'en', suggestions: [] })).toThrow(
      new MailDataError('suggestions', 'is empty: a nudge names at least one'),
    );
    expect(() => render('recommendations-nudge', { ...data, language: 'en', deadline: 'soon' })).toThrow(
      /^deadline: must be an ISO instant/,
    );
  });
});
