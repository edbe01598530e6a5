import type { DayFacts } from './day-facts';
import { tablesFor } from './rebooking.service';

/** The tables a replacement may use follow the solve's rules: stands of the clusters, and needed features first. */
describe('tablesFor (replacement meetings)', () => {
  const facts = (needs: Record<string, string[]>, stands: Record<string, string>): DayFacts =>
    ({
      delegates: new Map(
        ['a', 'b'].map((id) => [id, { id, clusterId: `c-${id}`, needs: JSON.stringify(needs[id] ?? []) }]),
      ),
      tables: ['t1', 't2', 't3'].map((id) => ({
        id,
        features: JSON.stringify(id === 't3' || id === 't2' ? ['accessible'] : []),
        standClusterId: stands[id] ?? null,
      })),
    }) as unknown as DayFacts;

  it('allows any table without stands or needs', () => {
    expect(tablesFor(facts({}, {}), ['a', 'b'])).toBeUndefined();
  });
  it('keeps a cluster with a stand at its stand', () => {
    expect(tablesFor(facts({}, { t1: 'c-b' }), ['a', 'b'])).toEqual(['t1']);
  });
  it('puts someone who needs a feature at a table that has it, at the stand when it has it too', () => {
    expect(tablesFor(facts({ a: ['accessible'] }, {}), ['a', 'b'])).toEqual(['t2', 't3']);
    expect(tablesFor(facts({ a: ['accessible'] }, { t1: 'c-b' }), ['a', 'b'])).toEqual(['t2', 't3']);
    expect(tablesFor(facts({ a: ['accessible'] }, { t3: 'c-b' }), ['a', 'b'])).toEqual(['t3']);
  });
});
