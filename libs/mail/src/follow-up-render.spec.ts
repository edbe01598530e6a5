import { followUpDa, followUpEn, MailDataError, render } from './index';

const data = {
  name: 'Ana <b>Berg</b>',
  eventName: 'Spring & Match',
  clusterName: 'Fjord <Cluster>',
  months: 6,
  partners: ['Hydrogen Valley (DK)', 'Clean <Tech> (ES)'],
  link: 'https://match.example.org/login?token=abc&next=%2Fevents%2Fe1%2Ffollow-up',
};

describe('follow-up mails', () => {
  it('ask in English, then Danish, naming the months, the cluster, the partners and the link', () => {
    const m = render('follow-up', data);
    expect(m.subject).toBe(
      'Spring & Match, 6 months on: what came of your meetings? / Spring & Match, 6 måneder efter: hvad kom der ud af jeres møder?',
    );
    expect(m.text).toContain('It is 6 months since Spring & Match. There, Fjord <Cluster> met 2 clusters:');
    expect(m.text).toContain('Det er 6 måneder siden Spring & Match. Der mødte Fjord <Cluster> 2 klynger:');
    expect(m.text).toContain('> Clean <Tech> (ES)');
    expect(m.text.indexOf('Tell us what came of it')).toBeLessThan(m.text.indexOf('Fortæl hvad der kom ud af det'));
    expect(m.text).toContain(`Tell us what came of it: ${data.link}`);
    expect(m.html).not.toContain('<Tech>');
    expect(m.html).toContain('Clean &lt;Tech&gt; (ES)');
    expect(m.html).toContain('Ana &lt;b&gt;Berg&lt;/b&gt;');
    expect(m.html).toContain('href="https://match.example.org/login?token=abc&amp;next=%2Fevents%2Fe1%2Ffollow-up"');
  });

  it('carries the unsubscribe link, in both languages, when given (and none otherwise)', () => {
    const unsubscribeLink = 'https://match.example.org/unsubscribe?token=d1.abc&x=1';
    const m = render('follow-up', { ...data, unsubscribeLink });
    expect(m.text).toContain(
      `No more follow-ups, reminders or mailings like this one: unsubscribe: ${unsubscribeLink}`,
    );
    expect(m.text).toContain(
      `Ingen flere opfølgninger, påmindelser eller udsendelser som denne: afmeld: ${unsubscribeLink}`,
    );
    expect(m.html).toContain('href="https://match.example.org/unsubscribe?token=d1.abc&amp;x=1"');
    expect(render('follow-up', data).text).not.toContain('unsubscribe');
    expect(() => render('follow-up', { ...data, unsubscribeLink: 'javascript:alert(1)' })).toThrow(/unsubscribeLink/);
  });

  it('uses the singular for one partner', () => {
    const m = render('follow-up', { ...data, partners: ['One'] });
    expect(m.text).toContain('met 1 cluster:');
    expect(m.text).toContain('1 klynge:');
  });

  it('refuses bad data naming the field', () => {
    expect(() => render('follow-up', { ...data, partners: [] })).toThrow(MailDataError);
    expect(() => render('follow-up', { ...data, months: 0 })).toThrow(/months/);
    expect(() => render('follow-up', { ...data, link: 'javascript:alert(1)' })).toThrow(/link/);
    expect(() => render('follow-up', { ...data, partners: [' '] })).toThrow(/partners\[0\]/);
  });

  it('has every string in both languages', () => {
    expect(Object.keys(followUpDa).sort()).toEqual(Object.keys(followUpEn).sort());
    for (const [k, v] of Object.entries(followUpDa))
      if (k !== 'locale') expect(v).not.toEqual(followUpEn[k as keyof typeof followUpEn]);
  });
});
