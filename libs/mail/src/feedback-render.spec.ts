import { feedbackDa, feedbackEn, MailDataError, render } from './index';

const data = {
  name: 'Ana <b>Berg</b>',
  eventName: 'Spring & Match',
  link: 'https://match.example.org/login?token=abc&next=%2Fevents%2Fe1%2Ffeedback',
  closesAt: '2027-04-20T22:00:00.000Z',
  timezone: 'Europe/Copenhagen',
  meetings: 3,
};

describe('feedback mails', () => {
  it('write the request in English, then Danish, with plurals, the closing time in the event zone, and the link', () => {
    const m = render('feedback-request', data);
    expect(m.subject).toBe('How did your meetings at Spring & Match go? / Hvordan gik dine møder på Spring & Match?');
    expect(m.text).toContain('You had 3 meetings there.');
    expect(m.text).toContain('Du havde 3 møder der.');
    expect(m.text.indexOf('Give your feedback')).toBeLessThan(m.text.indexOf('Giv din feedback'));
    // 22:00 UTC is midnight in Copenhagen (summer time): 21 April.
    expect(m.text).toContain('until Wednesday 21 April 2027, 00:00');
    expect(m.text).toContain('indtil onsdag 21 april 2027, 00:00');
    expect(m.text).toContain(`Give your feedback: ${data.link}`);
    expect(m.text).toContain('Kære Ana <b>Berg</b>,');
    expect(m.html).not.toContain('<b>Berg</b>');
    expect(m.html).toContain('Ana &lt;b&gt;Berg&lt;/b&gt;');
    expect(m.html).toContain('href="https://match.example.org/login?token=abc&amp;next=%2Fevents%2Fe1%2Ffeedback"');
  });

  it('name the evaluation survey when it has questions', () => {
    expect(render('feedback-request', data).text).not.toContain('short survey');
    const m = render('feedback-request', { ...data, questions: 4 });
    expect(m.text).toContain('a short survey about the event itself: 4 questions.');
    expect(m.text).toContain('kort undersøgelse om selve arrangementet: 4 spørgsmål.');
    expect(render('feedback-request', { ...data, questions: 1 }).text).toContain('itself: 1 question.');
  });

  it('use the singular for one meeting, and the reminder words', () => {
    const m = render('feedback-reminder', { ...data, meetings: 1 });
    expect(m.subject).toMatch(/^Reminder: your feedback .* \/ Påmindelse: din feedback /);
    expect(m.text).toContain('every meeting you had at Spring & Match (1 meeting).');
    expect(m.text).toContain('alle de møder, du havde på Spring & Match (1 møde).');
  });

  it('put the unsubscribe link on the reminder, in both languages', () => {
    const unsubscribeLink = 'https://match.example.org/unsubscribe?token=d1.abc';
    const m = render('feedback-reminder', { ...data, unsubscribeLink });
    expect(m.text).toContain(
      `No more reminders, follow-ups or mailings like this one: unsubscribe: ${unsubscribeLink}`,
    );
    expect(m.text).toContain(
      `Ingen flere påmindelser, opfølgninger eller udsendelser som denne: afmeld: ${unsubscribeLink}`,
    );
    expect(m.html).toContain(`<a href="${unsubscribeLink}">`);
    expect(render('feedback-request', data).text).not.toContain('unsubscribe');
    expect(() => render('feedback-reminder', { ...data, unsubscribeLink: 'ftp://x' })).toThrow(/unsubscribeLink/);
  });

  it('refuse bad data naming the field', () => {
    expect(() => render('feedback-request', { ...data, meetings: 0 })).toThrow(MailDataError);
    expect(() => render('feedback-request', { ...data, timezone: 'Mars/Base' })).toThrow(/timezone/);
    expect(() => render('feedback-request', { ...data, closesAt: 'soon' })).toThrow(/closesAt/);
    expect(() => render('feedback-request', { ...data, link: 'javascript:alert(1)' })).toThrow(/link/);
  });

  it('have every string in both languages', () => {
    expect(Object.keys(feedbackDa).sort()).toEqual(Object.keys(feedbackEn).sort());
    for (const [k, v] of Object.entries(feedbackDa))
      if (k !== 'locale') expect(v).not.toEqual(feedbackEn[k as keyof typeof feedbackEn]);
  });
});
