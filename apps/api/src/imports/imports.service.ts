import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditActor } from '../privacy/audit-log';
import { plainToInstance } from 'class-transformer';
import { isISO31661Alpha2, validate, ValidationError } from 'class-validator';
import { EntityManager } from 'typeorm';
import { nowIso } from '../common/clock';
import { AppError, badField, ErrorCode, FieldError, notFound } from '../common/errors';
import { flattenValidationErrors } from '../common/error.filter';
import { ClustersRepository } from '../clusters/clusters.repository';
import { ClustersService } from '../clusters/clusters.service';
import { CreateClusterDto } from '../clusters/dto/cluster.dto';
import { Db } from '../database/db.service';
import { CreateDelegateDto } from '../delegates/delegates.dto';
import { DelegatesRepository } from '../delegates/delegates.repository';
import { DelegatesService } from '../delegates/delegates.service';
import { EventsRepository } from '../events/events.repository';
import type { TaxonomyTermEntity } from '../taxonomy/taxonomy-term.entity';
import { TaxonomyRepository } from '../taxonomy/taxonomy.repository';
import { TaxonomyService, termKey, type TermMapping } from '../taxonomy/taxonomy.service';
import { TERM_KINDS, type TermKind } from '../taxonomy/taxonomy-term.entity';
import { Sheet, SheetRow } from './table-reader';

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  /** Clusters newly registered for the event. */
  registered: number;
}

/** A sector or technology named in a cluster file that the taxonomy lacks. */
export interface UnknownTerm {
  kind: TermKind;
  name: string;
  /** The file's rows (as numbered in errors) that name it. */
  rows: number[];
  /** An existing term of the same kind that looks like it (e.g. "Agrifood" for "Agri-food"), if any. */
  suggestion: { id: string; name: string } | null;
}

const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** The edit distance of two short strings (at most 120 characters). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** The existing term most like `name`: the same letters and digits first, then at most 2 edits (names of 5+). */
function suggest(name: string, terms: readonly TaxonomyTermEntity[]): { id: string; name: string } | null {
  const key = letters(name);
  const same = terms.find((t) => letters(t.name) === key);
  if (same) return { id: same.id, name: same.name };
  if (key.length < 5) return null;
  let best: { id: string; name: string; d: number } | null = null;
  for (const t of terms) {
    const d = distance(key, letters(t.name));
    if (d <= 2 && (!best || d < best.d)) best = { id: t.id, name: t.name, d };
  }
  return best ? { id: best.id, name: best.name } : null;
}

/** CSV/XLSX columns of a cluster and where each goes in the cluster body. */
export const CLUSTER_COLUMNS: Record<string, string> = {
  name: 'name',
  country: 'country',
  region: 'region',
  sectors: 'sectors',
  technologies: 'technologies',
  scope: 'scope',
  label: 'label',
  label_valid_until: 'labelValidUntil',
  companies: 'members.companies',
  smes: 'members.smes',
  knowledge_institutions: 'members.knowledgeInstitutions',
  public_bodies: 'members.publicBodies',
  industry_associations: 'members.industryAssociations',
  financial_actors: 'members.financialActors',
  secretariat_size: 'secretariatSize',
  offers: 'offers',
  seeks: 'seeks',
  website: 'website',
};
const OPTIONAL_CLUSTER_COLUMNS = new Set(['label_valid_until', 'website', 'technologies']);

export const DELEGATE_COLUMNS: Record<string, string> = {
  cluster: 'cluster',
  name: 'name',
  email: 'email',
  role: 'role',
  language: 'language',
};
/** Optional: the delegate's language, `en` or `da` (issue 16); empty: the event's default. */
const OPTIONAL_DELEGATE_COLUMNS = new Set(['language']);

const norm = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');
const columnOf = (columns: Record<string, string>, path: string): string => {
  const top = path.replace(/\[\d+\]$/, '');
  return Object.entries(columns).find(([, p]) => p === top)?.[0] ?? top;
};
const at = (line: number, column: string): string => `row ${line}, column ${column}`;
const list = (s: string): string[] =>
  s
    .split(/[;|]/)
    .map((x) => x.trim())
    .filter(Boolean);
/** Digits grouped by thousands as Danish and German spreadsheets show them: `1.200`, `1 200`. */
const GROUPED = /^\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+$/;
const int = (s: string): number | string =>
  /^\d+$/.test(s) ? Number(s) : GROUPED.test(s) ? Number(s.replace(/\D/g, '')) : s;
/** The number columns of a cluster file (each has one error, not the validator's three for a text). */
const INT_COLUMNS = [
  'companies',
  'smes',
  'knowledge_institutions',
  'public_bodies',
  'industry_associations',
  'financial_actors',
  'secretariat_size',
];

/**
 * A date as Danish (`30-06-2028`) and German (`30.06.2028`) spreadsheets write it, or with a time of day
 * (`2028-06-30 00:00:00`), as YYYY-MM-DD; anything else as it is (the validator names the format). Day first
 * only with `-` and `.`: `06/30/2028` could be either order.
 */
function isoDate(s: string): string {
  const dayFirst = /^(\d{1,2})([-.])(\d{1,2})\2(\d{4})$/.exec(s);
  if (dayFirst) {
    const [, d = '', , m = '', y = ''] = dayFirst;
    const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    const date = new Date(`${iso}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : s;
  }
  const withTime = /^(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?$/.exec(s);
  return withTime?.[1] ?? s;
}

let countryNames: Map<string, string> | undefined;
/**
 * A country named in English, Danish or German ("Denmark", "Danmark", "Dänemark") as its ISO code; a code, or a
 * name that is no country or several, as it is (the validator asks for a code).
 */
function countryCode(s: string): string {
  if (/^[a-z]{2}$/i.test(s)) return s;
  if (!countryNames) {
    const names = new Map<string, string | null>();
    const displays = ['en', 'da', 'de'].map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
    for (let a = 65; a <= 90; a++)
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (!isISO31661Alpha2(code)) continue;
        for (const d of displays) {
          const name = d.of(code);
          if (!name) continue;
          const key = letters(name);
          const had = names.get(key);
          names.set(key, had === undefined || had === code ? code : null);
        }
      }
    countryNames = new Map([...names].filter((e): e is [string, string] => e[1] !== null));
  }
  return countryNames.get(letters(s)) ?? s;
}

/** A cell's text in a message: a whole megabyte of it would make the answer that big. */
const shown = (s: string): string => (s.length > 80 ? `${s.slice(0, 80)}...` : s);
/** Cluster names as delegate files give them: any case, spaces doubled by accident. */
const nameKey = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

function fail(errors: FieldError[]): never {
  const head = errors
    .slice(0, 20)
    .map((e) => `${e.path}: ${e.message}`)
    .join('; ');
  throw new AppError(
    ErrorCode.Unprocessable,
    `${errors.length} problem(s), nothing imported: ${head}${errors.length > 20 ? '; ...' : ''}`,
    errors,
  );
}

function checkHeaders(sheet: Sheet, columns: Record<string, string>, optional: Set<string>): void {
  const have = new Set(sheet.headers);
  const missing = Object.keys(columns).filter((c) => !optional.has(c) && !have.has(norm(c)));
  if (missing.length) fail(missing.map((c) => ({ path: `row 1, column ${c}`, message: 'missing column' })));
}

async function validateRow<T extends object>(
  cls: new () => T,
  plain: Record<string, unknown>,
  line: number,
  columns: Record<string, string>,
): Promise<{ dto: T; errors: FieldError[] }> {
  const dto = plainToInstance(cls, plain);
  const raw: ValidationError[] = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  return {
    dto,
    errors: flattenValidationErrors(raw).map((f) => ({
      path: at(line, columnOf(columns, f.path)),
      message: f.message,
    })),
  };
}

/** The columns an import's file must have: how its sheet and header row are found (`readSheet`). */
export const REQUIRED_COLUMNS = {
  clusters: Object.keys(CLUSTER_COLUMNS)
    .filter((c) => !OPTIONAL_CLUSTER_COLUMNS.has(c))
    .map(norm),
  delegates: Object.keys(DELEGATE_COLUMNS)
    .filter((c) => !OPTIONAL_DELEGATE_COLUMNS.has(c))
    .map(norm),
} as const;

/** Imports of clusters and delegates: every row is checked first; one transaction writes all or nothing. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: EventsRepository,
    private readonly clusters: ClustersRepository,
    private readonly delegates: DelegatesRepository,
    private readonly taxonomy: TaxonomyRepository,
  ) {}

  private clusterPlain(row: SheetRow): Record<string, unknown> {
    const v = (c: string): string => row.cells[norm(c)] ?? '';
    return {
      name: v('name'),
      country: countryCode(v('country')),
      region: v('region'),
      sectors: list(v('sectors')),
      technologies: list(v('technologies')),
      scope: v('scope').toLowerCase().replace(/\s+/g, '_'),
      label: v('label').toLowerCase().replace(/\s+/g, '_'),
      ...(v('label_valid_until') ? { labelValidUntil: isoDate(v('label_valid_until')) } : {}),
      members: {
        companies: int(v('companies')),
        smes: int(v('smes')),
        knowledgeInstitutions: int(v('knowledge_institutions')),
        publicBodies: int(v('public_bodies')),
        industryAssociations: int(v('industry_associations')),
        financialActors: int(v('financial_actors')),
      },
      secretariatSize: int(v('secretariat_size')),
      offers: v('offers'),
      seeks: v('seeks'),
      ...(v('website') ? { website: v('website') } : {}),
    };
  }

  /**
   * Clusters by name: new ones are created, existing ones (same name) get the file's profile;
   * each is registered for the event. Sectors and technologies missing from the taxonomy are refused (422 at
   * their row and column) unless `createTerms` is true (all are added) or a mapping names each: an existing
   * term, or null to add it (`unknownTerms` lists them first).
   */
  async importClusters(
    eventId: string,
    sheet: Sheet,
    createTerms: boolean | TermMapping,
    actor?: AuditActor,
  ): Promise<ImportResult> {
    const event = await this.events.find(eventId);
    if (!event) throw notFound('Event', eventId);
    checkHeaders(sheet, CLUSTER_COLUMNS, OPTIONAL_CLUSTER_COLUMNS);
    const errors: FieldError[] = [];
    const dtos: { line: number; dto: CreateClusterDto }[] = [];
    const names = new Map<string, number>();
    const terms = await this.taxonomy.all();
    const known = new Set(terms.map((t) => termKey(t.kind, t.name)));
    for (const row of sheet.rows) {
      const { dto, errors: validatorErrors } = await validateRow(
        CreateClusterDto,
        this.clusterPlain(row),
        row.line,
        CLUSTER_COLUMNS,
      );
      // A number column that holds no whole number gets one error saying so (the validator gives three:
      // integer, at least 0 and at most the maximum, with the property's name in each).
      const rowErrors: FieldError[] = [];
      for (const e of validatorErrors) {
        const col = INT_COLUMNS.find((c) => e.path === at(row.line, c));
        const raw = col === undefined ? undefined : (row.cells[norm(col)] ?? '');
        if (raw === undefined || typeof int(raw) === 'number') rowErrors.push(e);
        else if (!rowErrors.some((r) => r.path === e.path))
          rowErrors.push({ path: e.path, message: raw === '' ? 'must not be empty' : 'must be an integer number' });
      }
      errors.push(...rowErrors);
      if (createTerms !== true) {
        for (const [kind, col, vals] of [
          ['sector', 'sectors', dto.sectors],
          ['technology', 'technologies', dto.technologies],
        ] as const) {
          for (const val of vals)
            if (!known.has(termKey(kind, val)) && !(createTerms && createTerms.has(termKey(kind, val))))
              errors.push({
                path: at(row.line, col),
                message: `unknown ${kind} "${shown(val)}" (map it to a term of the taxonomy or create it)`,
              });
        }
      }
      if (rowErrors.length) continue;
      const key = dto.name.trim().toLowerCase();
      const dup = names.get(key);
      if (dup !== undefined) errors.push({ path: at(row.line, 'name'), message: `the same cluster as row ${dup}` });
      names.set(key, row.line);
      if (dto.members.smes > dto.members.companies)
        errors.push({ path: at(row.line, 'smes'), message: `cannot exceed companies (${dto.members.companies})` });
      dtos.push({ line: row.line, dto });
    }
    if (errors.length) fail(errors);
    return this.db.transaction(async (m) => {
      const result: ImportResult = { rows: dtos.length, created: 0, updated: 0, registered: 0 };
      for (const { dto } of dtos) {
        const existing = await ClustersService.byName(m, dto.name, event.organisationId);
        let clusterId: string;
        if (existing) {
          clusterId = existing.id;
          await this.overwrite(m, existing.id, dto, createTerms);
          result.updated++;
        } else {
          clusterId = await ClustersService.insert(m, dto, event.organisationId, createTerms);
          result.created++;
        }
        if (!(await this.clusters.takesPart(eventId, clusterId, m))) {
          await this.clusters.addParticipants(eventId, [clusterId], nowIso(), m);
          result.registered++;
        }
      }
      if (actor)
        await this.audit.record(m, actor, {
          action: 'import',
          targetType: 'clusters',
          eventId,
          summary: `clusters imported: ${result.rows} rows, ${result.created} created, ${result.updated} updated, ${result.registered} registered`,
        });
      return result;
    });
  }

  private async overwrite(
    m: EntityManager,
    id: string,
    dto: CreateClusterDto,
    createTerms: boolean | TermMapping,
  ): Promise<void> {
    const ids = [
      ...(await TaxonomyService.resolve(m, 'sector', dto.sectors, 'sectors', createTerms)),
      ...(await TaxonomyService.resolve(m, 'technology', dto.technologies, 'technologies', createTerms)),
    ];
    await this.clusters.overwrite(id, ClustersService.profileColumns(dto), ids, nowIso(), m);
  }

  /**
   * The sectors and technologies of a cluster file that the taxonomy lacks, each with its rows and, when one
   * looks like it (the same letters and digits, or one or two letters apart), the existing term to suggest.
   */
  async unknownTerms(eventId: string, sheet: Sheet): Promise<UnknownTerm[]> {
    if (!(await this.events.find(eventId))) throw notFound('Event', eventId);
    checkHeaders(sheet, CLUSTER_COLUMNS, OPTIONAL_CLUSTER_COLUMNS);
    const terms = await this.taxonomy.all(true);
    const known = new Set(terms.map((t) => termKey(t.kind, t.name)));
    const found = new Map<string, UnknownTerm>();
    for (const row of sheet.rows) {
      const v = (c: string): string => row.cells[norm(c)] ?? '';
      for (const [kind, col] of [
        ['sector', 'sectors'],
        ['technology', 'technologies'],
      ] as const) {
        for (const name of list(v(col))) {
          const key = termKey(kind, name);
          if (known.has(key)) continue;
          const entry = found.get(key) ?? {
            kind,
            name,
            rows: [],
            suggestion: suggest(
              name,
              terms.filter((t) => t.kind === kind),
            ),
          };
          if (!entry.rows.includes(row.line)) entry.rows.push(row.line);
          found.set(key, entry);
        }
      }
    }
    return [...found.values()];
  }

  /** The `terms` of an import (JSON: `[{ kind, name, termId? }]`) as a mapping; 422 naming `terms[i]...`. */
  async termMapping(raw: string): Promise<TermMapping> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw badField('terms', 'must be a JSON list of { kind, name, termId? }');
    }
    if (!Array.isArray(parsed) || parsed.length > 1000)
      throw badField('terms', 'must be a JSON list of { kind, name, termId? } (at most 1000)');
    const all = await this.taxonomy.all();
    const errors: FieldError[] = [];
    const map = new Map<string, string | null>();
    parsed.forEach((item: unknown, i) => {
      const e = (item ?? {}) as Record<string, unknown>;
      const kind = e['kind'];
      const name = e['name'];
      const termId = e['termId'];
      if (typeof item !== 'object' || item === null) errors.push({ path: `terms[${i}]`, message: 'must be an object' });
      else if (!TERM_KINDS.includes(kind as TermKind))
        errors.push({ path: `terms[${i}].kind`, message: `must be one of ${TERM_KINDS.join(', ')}` });
      else if (typeof name !== 'string' || !name.trim() || name.length > 120)
        errors.push({ path: `terms[${i}].name`, message: 'must be a name of 1-120 characters' });
      else if (termId !== undefined && termId !== null && typeof termId !== 'string')
        errors.push({ path: `terms[${i}].termId`, message: 'must be a term id, or left out to create the term' });
      else if (typeof termId === 'string' && !all.some((t) => t.id === termId && t.kind === kind))
        errors.push({ path: `terms[${i}].termId`, message: `no ${String(kind)} ${termId} in the taxonomy` });
      else map.set(termKey(kind as TermKind, name), typeof termId === 'string' ? termId : null);
    });
    if (errors.length)
      throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    return map;
  }

  /** Delegates by e-mail: new ones are created in the named cluster; a known e-mail of the same cluster is updated. */
  async importDelegates(eventId: string, sheet: Sheet, actor?: AuditActor): Promise<ImportResult> {
    const event = await this.events.get(eventId);
    checkHeaders(sheet, DELEGATE_COLUMNS, OPTIONAL_DELEGATE_COLUMNS);
    const clusters = await this.clusters.ofOrganisation(event.organisationId);
    const byName = new Map(clusters.map((c) => [nameKey(c.name), c.id]));
    const participants = new Set(await this.clusters.participantIds(eventId));
    const existing = new Map((await this.delegates.all()).map((d) => [d.email, d]));
    const errors: FieldError[] = [];
    const rows: { clusterId: string; dto: CreateDelegateDto; language: 'en' | 'da' | undefined }[] = [];
    const emails = new Map<string, number>();
    for (const row of sheet.rows) {
      const v = (c: string): string => row.cells[norm(c)] ?? '';
      const clusterName = v('cluster');
      const clusterId = byName.get(nameKey(clusterName));
      if (!clusterName) errors.push({ path: at(row.line, 'cluster'), message: 'must not be empty' });
      else if (!clusterId)
        errors.push({ path: at(row.line, 'cluster'), message: `no cluster named "${shown(clusterName)}"` });
      else if (!participants.has(clusterId))
        errors.push({
          path: at(row.line, 'cluster'),
          message: `"${shown(clusterName)}" does not take part in this event`,
        });
      const { dto, errors: rowErrors } = await validateRow(
        CreateDelegateDto,
        { name: v('name'), email: v('email'), role: v('role') },
        row.line,
        DELEGATE_COLUMNS,
      );
      errors.push(...rowErrors);
      const lang = v('language').trim().toLowerCase();
      if (lang !== '' && lang !== 'en' && lang !== 'da')
        errors.push({ path: at(row.line, 'language'), message: 'must be en or da' });
      if (rowErrors.length || !clusterId) continue;
      const language = lang === 'en' || lang === 'da' ? lang : undefined;
      const dup = emails.get(dto.email);
      if (dup !== undefined) errors.push({ path: at(row.line, 'email'), message: `the same e-mail as row ${dup}` });
      emails.set(dto.email, row.line);
      const other = existing.get(dto.email);
      if (other && other.clusterId !== clusterId)
        errors.push({ path: at(row.line, 'email'), message: `${dto.email} is a delegate of another cluster` });
      rows.push({ clusterId, dto, language });
    }
    if (errors.length) fail(errors);
    return this.db.transaction(async (m) => {
      const result: ImportResult = { rows: rows.length, created: 0, updated: 0, registered: 0 };
      for (const { clusterId, dto, language } of rows) {
        const old = await this.delegates.byStoredEmail(dto.email, m);
        if (old) {
          await this.delegates.rename(old.id, dto.name.trim(), dto.role.trim(), m);
          result.updated++;
        } else {
          await DelegatesService.insert(m, clusterId, dto);
          result.created++;
        }
        // An empty cell keeps what the delegate chose; `en`/`da` sets it.
        if (language) await this.delegates.setLanguageByStoredEmail(dto.email, language, m);
      }
      if (actor)
        await this.audit.record(m, actor, {
          action: 'import',
          targetType: 'delegates',
          eventId,
          summary: `delegates imported: ${result.rows} rows, ${result.created} created, ${result.updated} updated`,
        });
      return result;
    });
  }
}
