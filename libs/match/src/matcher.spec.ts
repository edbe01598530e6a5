import { createMatcher, features, reasonText, type MatchCluster, type Reason } from './index';

/** A cluster with neutral defaults; tests override what they are about. */
function cluster(id: string, over: Partial<MatchCluster> = {}): MatchCluster {
  return {
    id,
    name: id,
    country: 'DE',
    sectors: [],
    technologies: [],
    scope: 'national',
    label: 'none',
    offers: 'Meeting rooms.',
    seeks: 'Visitors.',
    ...over,
  };
}

const seeker = cluster('seeker', { country: 'DK', seeks: 'Test facilities for electrolysers.' });
const offerer = cluster('offerer', { country: 'ES', offers: 'An electrolyser test centre.' });
const distractors = [
  cluster('d1', { offers: 'Hotels and conference tourism.' }),
  cluster('d2', { offers: 'Textile recycling plants.' }),
  cluster('d3', { offers: 'Software for logistics.' }),
];

const kinds = (reasons: readonly Reason[]): string[] => reasons.map((r) => r.kind);

describe('ranking: complementary offers and seeks', () => {
  it('ranks the cluster that offers what one seeks first, across word forms', () => {
    const m = createMatcher({ clusters: [seeker, offerer, ...distractors] });
    expect(m.recommend('seeker', 3)[0].clusterId).toBe('offerer');
  });

  it('matches a Danish seek with an English offer and the other way round', () => {
    const da = cluster('da', { seeks: 'Vi søger partnere med kunstig intelligens.' });
    const en = cluster('en', { offers: 'Machine learning and AI specialists.' });
    const m = createMatcher({ clusters: [da, en, ...distractors] });
    expect(m.recommend('da', 1)[0].clusterId).toBe('en');
    const enSeek = cluster('en2', { seeks: 'Large heat pumps.' });
    const daOffer = cluster('da2', { offers: 'Producenter af store varmepumper til fjernvarme.' });
    const m2 = createMatcher({ clusters: [enSeek, daOffer, ...distractors] });
    expect(m2.recommend('en2', 1)[0].clusterId).toBe('da2');
  });

  it('splits Danish compounds on the lexicon: batteritestcenter is a battery test facility', () => {
    const ids = [...features('Vores batteritestcenter').keys()];
    expect(ids).toEqual(expect.arrayContaining(['c:battery', 'c:test-facility']));
  });

  it('counts the other direction too: they seek what one offers', () => {
    const a = cluster('a', { offers: 'Shared laboratories for photonics.' });
    const b = cluster('b', { seeks: 'Access to laser laboratories.' });
    const m = createMatcher({ clusters: [a, b, ...distractors] });
    const [best] = m.recommend('a', 1);
    expect(best.clusterId).toBe('b');
    expect(kinds(best.reasons)).toContain('you-offer');
  });

  it('scores a cluster lower when nothing matches', () => {
    const m = createMatcher({ clusters: [seeker, offerer, ...distractors] });
    const scores = new Map(m.recommend('seeker', 10).map((r) => [r.clusterId, r.score]));
    expect(scores.get('offerer')).toBeGreaterThan(scores.get('d1') ?? 1);
  });
});

describe('ranking: taxonomy, country, profile and history', () => {
  it('prefers shared sectors and technologies', () => {
    const me = cluster('me', { sectors: ['Energy'], technologies: ['Hydrogen'] });
    const same = cluster('same', { sectors: ['Energy'], technologies: ['Hydrogen'] });
    const other = cluster('other', { sectors: ['Tourism'], technologies: ['Blockchain'] });
    const m = createMatcher({ clusters: [me, same, other] });
    expect(m.recommend('me').map((r) => r.clusterId)).toEqual(['same', 'other']);
  });

  it('counts another country more than one’s own', () => {
    const me = cluster('me', { country: 'DK' });
    const home = cluster('a-home', { country: 'DK' });
    const abroad = cluster('b-abroad', { country: 'ES' });
    const m = createMatcher({ clusters: [me, home, abroad] });
    const [best] = m.recommend('me');
    expect(best.clusterId).toBe('b-abroad');
    expect(best.reasons).toContainEqual({ kind: 'common', terms: [], otherCountry: 'ES' });
  });

  it('prefers a similar scope and maturity', () => {
    const me = cluster('me', { scope: 'international', label: 'gold' });
    const near = cluster('b-near', { scope: 'international', label: 'gold' });
    const far = cluster('a-far', { scope: 'local', label: 'none' });
    const m = createMatcher({ clusters: [me, near, far] });
    const [best] = m.recommend('me');
    expect(best.clusterId).toBe('b-near');
    expect(best.reasons).toContainEqual({ kind: 'profile', sameScope: 'international', sameLabel: 'gold' });
  });

  it('suggests a follow-up to a cluster met before with a useful outcome', () => {
    const m = createMatcher({
      clusters: [cluster('me'), cluster('a'), cluster('b')],
      facts: [{ a: 'b', b: 'me', kind: 'useful-meeting', eventName: 'Forum 2026' }],
    });
    const [best] = m.recommend('me');
    expect(best.clusterId).toBe('b');
    expect(best.reasons[0]).toEqual({ kind: 'follow-up', eventName: 'Forum 2026' });
  });
});

describe('exclusions', () => {
  const clusters = [seeker, offerer, ...distractors];

  it('never suggests one’s own cluster', () => {
    const m = createMatcher({ clusters });
    expect(m.recommend('seeker', 100).map((r) => r.clusterId)).not.toContain('seeker');
    expect(m.recommend('seeker', 100)).toHaveLength(4);
  });

  it('leaves out pairs with a pending or accepted request, in either direction', () => {
    const m = createMatcher({ clusters, facts: [{ a: 'offerer', b: 'seeker', kind: 'open' }] });
    expect(m.recommend('seeker', 100).map((r) => r.clusterId)).not.toContain('offerer');
    expect(m.recommend('offerer', 100).map((r) => r.clusterId)).not.toContain('seeker');
  });

  it('leaves out pairs that met before and declined', () => {
    const m = createMatcher({ clusters, facts: [{ a: 'seeker', b: 'offerer', kind: 'declined' }] });
    expect(m.recommend('seeker', 100).map((r) => r.clusterId)).not.toContain('offerer');
  });

  it('remembers "not interested" for the cluster that said it only', () => {
    const m = createMatcher({ clusters, notInterested: [{ by: 'seeker', target: 'offerer' }] });
    expect(m.recommend('seeker', 100).map((r) => r.clusterId)).not.toContain('offerer');
    expect(m.recommend('offerer', 100).map((r) => r.clusterId)).toContain('seeker');
  });

  it('honours the limit and breaks ties by id', () => {
    const m = createMatcher({ clusters: [cluster('me'), cluster('c'), cluster('a'), cluster('b')] });
    expect(m.recommend('me', 2).map((r) => r.clusterId)).toEqual(['a', 'b']);
    expect(m.recommend('me', 0)).toEqual([]);
    expect(() => m.recommend('nobody')).toThrow('unknown cluster nobody');
  });

  it('leaves out a cluster with no reason at all', () => {
    const me = cluster('me', { scope: 'local' });
    const nothing = cluster('nothing', { scope: 'international' });
    const m = createMatcher({ clusters: [me, nothing] });
    expect(m.recommend('me')).toEqual([]);
  });
});

describe('reasons', () => {
  it('gives one to three reasons naming the matched words on both sides', () => {
    const m = createMatcher({ clusters: [seeker, offerer, ...distractors] });
    for (const r of m.recommend('seeker', 10)) {
      expect(r.reasons.length).toBeGreaterThanOrEqual(1);
      expect(r.reasons.length).toBeLessThanOrEqual(3);
    }
    const [best] = m.recommend('seeker', 1);
    const theyOffer = best.reasons.find((r) => r.kind === 'they-offer');
    expect(theyOffer).toEqual({
      kind: 'they-offer',
      seekWords: expect.arrayContaining(['electrolysers', 'test facilities']),
      offerWords: expect.arrayContaining(['electrolyser', 'test centre']),
    });
  });

  it('writes each reason in English and Danish', () => {
    const offer: Reason = { kind: 'they-offer', seekWords: ['test facilities'], offerWords: ['test centre'] };
    expect(reasonText(offer, 'en')).toBe('You seek “test facilities”; they offer “test centre”');
    expect(reasonText(offer, 'da')).toBe('I søger »test facilities«; de tilbyder »test centre«');
    const common: Reason = { kind: 'common', terms: ['Hydrogen'], otherCountry: 'ES' };
    expect(reasonText(common, 'en')).toBe('Both in Hydrogen; they are in Spain');
    expect(reasonText(common, 'da')).toBe('I arbejder begge med Hydrogen; de er fra Spanien');
    const abroad: Reason = { kind: 'common', terms: [], otherCountry: 'DK' };
    expect(reasonText(abroad, 'en')).toBe('They are in Denmark');
    const follow: Reason = { kind: 'follow-up', eventName: 'Forum' };
    expect(reasonText(follow, 'da')).toBe('I mødtes ved »Forum« med et godt udbytte: tid til en opfølgning');
    const profile: Reason = { kind: 'profile', sameScope: 'regional', sameLabel: null };
    expect(reasonText(profile, 'en')).toBe('Similar profile: both regional');
    expect(reasonText({ kind: 'you-offer', seekWords: ['x'], offerWords: ['y'] }, 'da')).toBe(
      'De søger »x«; I tilbyder »y«',
    );
  });
});

describe('mutual fit', () => {
  it('lists a pair when each is in the other’s top k', () => {
    const a = cluster('a', { seeks: 'Electrolysers.', offers: 'Laser laboratories.' });
    const b = cluster('b', { offers: 'Electrolyser test centre.', seeks: 'Access to laser labs.' });
    const c = cluster('c', { offers: 'Tourism.' });
    const m = createMatcher({ clusters: [a, b, c] });
    expect(m.mutualPairs(1)).toEqual(new Set(['a\u0000b']));
  });

  it('counts pairs with an existing request when asked to (the solver weighs existing requests)', () => {
    const a = cluster('a', { seeks: 'Electrolysers.', offers: 'Laser laboratories.' });
    const b = cluster('b', { offers: 'Electrolyser test centre.', seeks: 'Access to laser labs.' });
    const m = createMatcher({ clusters: [a, b, cluster('c')], facts: [{ a: 'a', b: 'b', kind: 'open' }] });
    expect(m.mutualPairs(1).has('a\u0000b')).toBe(false);
    expect(m.mutualPairs(1, { ignoreOpen: true })).toEqual(new Set(['a\u0000b']));
  });
});
