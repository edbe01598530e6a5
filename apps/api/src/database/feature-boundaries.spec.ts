/**
 * Issue 15, item 4: each feature owns its tables. It reads and writes them itself; another feature asks it through a
 * method it exports (a `<feature>.repository.ts` in a module of its own, such as `EventsRepository` or
 * `ScheduleVersions.publishedVersion()`), never with a query on the entity class. This test reads the imports of
 * every source file of the service and fails when a file uses another feature's entity class (a value import of
 * `../<feature>/<name>.entity`; `import type` is fine, a type cannot query) unless the pair is listed in BY_DESIGN
 * below. Every other read has moved behind the owner's repository; a new one gets a method there, not a list entry.
 * An entry that no longer occurs fails too, so the list only shrinks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

const SRC = join(__dirname, '..');

/** Folders that are no feature: the list of all entities, and the migrations that create every table. */
const NOT_FEATURES = new Set(['database', 'migrations']);

/**
 * Cross-cutting by design. The access service answers "may this principal do this to these ids?" for every feature
 * in one place (as immich's access repository does); the demo seed writes one event's worth of every table.
 */
const BY_DESIGN: Record<string, readonly string[]> = {
  'access/access.service.ts': [
    'ClusterEntity',
    'CollaborationPartnerEntity',
    'DelegateEntity',
    'EventEntity',
    'MeetingRequestEntity',
    'OrganiserEntity',
    'OrganiserInvitationEntity',
    'ParticipationEntity',
    'RequestPartyEntity',
    'ScheduleAssignmentEntity',
    'ScheduleVersionEntity',
  ],
  'seed/demo-seed.ts': [
    'ClusterEntity',
    'ClusterTermEntity',
    'DelegateEntity',
    'EventDayEntity',
    'EventEntity',
    'EventTableEntity',
    'MeetingRequestEntity',
    'ParticipationEntity',
    'RequestDelegateEntity',
    'RequestPartyEntity',
    'SlotEntity',
    'TaxonomyTermEntity',
  ],
  'seed/seed.service.ts': ['EventEntity', 'OrganiserEntity'],
};

/**
 * `file -> entity classes` for every value import of another feature's entity class; `files` maps paths relative to
 * src/ (with `/`) to their text.
 */
function crossFeatureEntityImports(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [rel, text] of files) {
    const feature = rel.split('/')[0];
    if (!rel.includes('/') || NOT_FEATURES.has(feature) || rel.endsWith('.spec.ts')) continue;
    for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+\.entity)'/g)) {
      if (m[1]) continue;
      const owner = posix.join(posix.dirname(rel), m[3]).split('/')[0];
      if (owner === feature) continue;
      const names = m[2]
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '' && !s.startsWith('type ') && /Entity$/.test(s));
      if (names.length) out.set(rel, [...(out.get(rel) ?? []), ...names].sort());
    }
  }
  return out;
}

function sourceFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.ts'))
        out.set(relative(dir, join(d, e.name)).split(sep).join('/'), readFileSync(join(d, e.name), 'utf8'));
  };
  walk(dir);
  return out;
}

describe('feature boundaries: no feature queries another feature’s tables', () => {
  const found = crossFeatureEntityImports(sourceFiles(SRC));
  const allowed = new Map<string, string[]>(Object.entries(BY_DESIGN).map(([f, names]) => [f, [...names].sort()]));

  it('finds the imports it looks for (the scan itself works)', () => {
    expect(found.get('access/access.service.ts')).toContain('DelegateEntity');
  });

  it('no file uses another feature’s entity class outside the lists', () => {
    const unlisted = [...found].flatMap(([file, names]) =>
      names.filter((n) => !(allowed.get(file) ?? []).includes(n)).map((n) => `${file} uses ${n}`),
    );
    // Ask the owning feature through its repository (e.g. apps/api/src/events/events.repository.ts) instead.
    expect(unlisted).toEqual([]);
  });

  it('every listed read still exists (delete the entry once it is gone)', () => {
    const stale = [...allowed].flatMap(([file, names]) =>
      names.filter((n) => !(found.get(file) ?? []).includes(n)).map((n) => `${file} no longer uses ${n}`),
    );
    expect(stale).toEqual([]);
  });

  it('finds a value import of another feature’s entity; not a type import, nor the feature’s own entity', () => {
    const files = new Map([
      ['mail/a.ts', `import { DelegateEntity, DelegateRole } from '../delegates/delegate.entity';`],
      ['mail/b.ts', `import type { DelegateEntity } from '../delegates/delegate.entity';`],
      ['mail/c.ts', `import { type ClusterEntity, CLUSTER_LABELS } from '../clusters/cluster.entity';`],
      ['mail/d.ts', `import { OutboxMessageEntity } from './outbox-message.entity';`],
      ['mail/sub/e.ts', `import { OutboxMessageEntity } from '../outbox-message.entity';`],
      ['mail/f.ts', `import {\n  EventEntity,\n  SlotEntity,\n} from '../events/event.entity';`],
      ['database/entities.ts', `import { DelegateEntity } from '../delegates/delegate.entity';`],
      ['mail/a.spec.ts', `import { DelegateEntity } from '../delegates/delegate.entity';`],
    ]);
    expect([...crossFeatureEntityImports(files)]).toEqual([
      ['mail/a.ts', ['DelegateEntity']],
      ['mail/f.ts', ['EventEntity', 'SlotEntity']],
    ]);
  });
});
