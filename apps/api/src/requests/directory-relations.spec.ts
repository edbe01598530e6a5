import { relationsFrom, type RelationRow } from './directory-relations';

const row = (over: Partial<RelationRow>): RelationRow => ({
  requestId: 'r1',
  status: 'pending',
  requesterClusterId: 'A',
  activeKey: 'A:B',
  other: 'B',
  otherResponse: 'pending',
  myResponse: 'accepted',
  ...over,
});

describe('relationsFrom (issue 9, item 7)', () => {
  it('marks the own cluster, and nothing else without requests', () => {
    const r = relationsFrom('A', ['A', 'B'], [], false);
    expect(r.get('A')).toEqual({ state: 'own', requestId: null, canRequest: false });
    expect(r.get('B')).toEqual({ state: 'none', requestId: null, canRequest: true });
  });

  it('tells sent from received, and blocks a second request of the same pair', () => {
    expect(relationsFrom('A', ['B'], [row({})], false).get('B')).toEqual({
      state: 'sent',
      requestId: 'r1',
      canRequest: false,
    });
    const received = row({ requesterClusterId: 'B', myResponse: 'pending', otherResponse: 'accepted' });
    expect(relationsFrom('A', ['B'], [received], false).get('B')?.state).toBe('received');
  });

  it('prefers accepted over pending over declined, and the pair over a group', () => {
    const declined = row({ requestId: 'd', status: 'declined', activeKey: null, otherResponse: 'declined' });
    const group = row({ requestId: 'g', activeKey: 'A:B:C' });
    const accepted = row({ requestId: 'a', status: 'accepted', otherResponse: 'accepted' });
    expect(relationsFrom('A', ['B'], [declined, group, accepted], false).get('B')).toEqual({
      state: 'accepted',
      requestId: 'a',
      canRequest: false,
    });
    const pair = row({ requestId: 'p', requesterClusterId: 'B' });
    expect(relationsFrom('A', ['B'], [declined, group, pair], false).get('B')).toMatchObject({
      state: 'received',
      requestId: 'p',
    });
    // A pending group request does not block a request of the pair alone.
    expect(relationsFrom('A', ['B'], [declined, group], false).get('B')).toEqual({
      state: 'sent',
      requestId: 'g',
      canRequest: true,
    });
  });

  it('counts a declined group request as declined only with the cluster that declined', () => {
    const base = { requestId: 'g', status: 'declined' as const, activeKey: null };
    const rows = [
      row({ ...base, other: 'B', otherResponse: 'accepted' }),
      row({ ...base, other: 'C', otherResponse: 'declined' }),
      row({ ...base, other: 'D', otherResponse: 'pending' }),
    ];
    const r = relationsFrom('A', ['B', 'C', 'D'], rows, false);
    expect(r.get('B')?.state).toBe('none');
    expect(r.get('C')).toEqual({ state: 'declined', requestId: 'g', canRequest: true });
    expect(r.get('D')?.state).toBe('none');
    // The asker declined B's request: declined with B.
    const mine = row({ status: 'declined', activeKey: null, requesterClusterId: 'B', myResponse: 'declined' });
    expect(relationsFrom('A', ['B'], [mine], false).get('B')?.state).toBe('declined');
  });

  it('offers nothing after the deadline, and pending requests count as expired', () => {
    const accepted = row({ requestId: 'a', other: 'C', activeKey: 'A:C', status: 'accepted' });
    const r = relationsFrom('A', ['B', 'C'], [row({}), accepted], true);
    expect(r.get('B')).toEqual({ state: 'none', requestId: null, canRequest: false });
    expect(r.get('C')).toEqual({ state: 'accepted', requestId: 'a', canRequest: false });
  });
});
