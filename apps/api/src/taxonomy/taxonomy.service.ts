import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ClustersRepository } from '../clusters/clusters.repository';
import { AppError, badField, conflict, ErrorCode, FieldError, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { TaxonomyTermEntity, TermKind } from './taxonomy-term.entity';

/** How an import treats names missing from the taxonomy: by `termKey`, an existing term's id, or null to add it. */
export type TermMapping = ReadonlyMap<string, string | null>;

/** The key of a term name in a `TermMapping` (kind and the name in lower case). */
export const termKey = (kind: TermKind, name: string): string => `${kind}:${name.trim().toLowerCase()}`;

export interface TermView {
  id: string;
  kind: TermKind;
  name: string;
  nameDa: string | null;
}

const termView = (t: Pick<TaxonomyTermEntity, 'id' | 'kind' | 'name' | 'nameDa'>): TermView => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  nameDa: t.nameDa ?? null,
});

@Injectable()
export class TaxonomyService {
  constructor(
    private readonly db: Db,
    private readonly clusters: ClustersRepository,
  ) {}

  async list(kind?: TermKind): Promise<TermView[]> {
    const terms = await this.db.manager.find(TaxonomyTermEntity, {
      where: kind ? { kind } : {},
      order: { kind: 'ASC', name: 'ASC' },
    });
    return terms.map(termView);
  }

  /** Every term with the number of clusters using it. */
  async usage(kind?: TermKind): Promise<(TermView & { clusters: number })[]> {
    const n = await this.clusters.termUsage();
    return (await this.list(kind)).map((t) => ({ ...t, clusters: n.get(t.id) ?? 0 }));
  }

  /** 409 when another term of the kind has this English label (ignoring case: imports match names so). */
  private static async assertFree(m: EntityManager, kind: TermKind, name: string, except?: string): Promise<void> {
    const key = name.toLowerCase();
    const clash = (await m.find(TaxonomyTermEntity, { where: { kind } })).find(
      (t) => t.id !== except && t.name.toLowerCase() === key,
    );
    if (clash) throw conflict(`The ${kind} "${clash.name}" exists already`);
  }

  async create(kind: TermKind, name: string, nameDa?: string): Promise<TermView> {
    const trimmed = name.trim();
    return this.db.transaction(async (m) => {
      await TaxonomyService.assertFree(m, kind, trimmed);
      const term = { id: randomUUID(), kind, name: trimmed, nameDa: nameDa?.trim() || null };
      await m.insert(TaxonomyTermEntity, term);
      return termView(term);
    });
  }

  async rename(id: string, dto: { name?: string; nameDa?: string | null }): Promise<TermView> {
    return this.db.transaction(async (m) => {
      const term = await m.findOneBy(TaxonomyTermEntity, { id });
      if (!term) throw notFound('Term', id);
      const patch: Partial<TaxonomyTermEntity> = {};
      if (dto.name !== undefined && dto.name.trim() !== term.name) {
        await TaxonomyService.assertFree(m, term.kind, dto.name.trim(), id);
        patch.name = dto.name.trim();
      }
      if (dto.nameDa !== undefined) patch.nameDa = dto.nameDa === null ? null : dto.nameDa.trim();
      if (Object.keys(patch).length) await m.update(TaxonomyTermEntity, { id }, patch);
      return termView({ ...term, ...patch });
    });
  }

  /**
   * Merges `id` into `intoId` (same kind) in one transaction: every cluster of the merged term gets the surviving
   * term (clusters that had both keep one link), then the merged term is deleted.
   */
  async merge(id: string, intoId: string): Promise<{ term: TermView; moved: number; hadBoth: number }> {
    if (id === intoId) throw badField('intoTermId', 'must be another term than the one merged');
    return this.db.transaction(async (m) => {
      const from = await m.findOneBy(TaxonomyTermEntity, { id });
      if (!from) throw notFound('Term', id);
      const into = await m.findOneBy(TaxonomyTermEntity, { id: intoId });
      if (!into) throw badField('intoTermId', `no term ${intoId}`);
      if (into.kind !== from.kind)
        throw badField('intoTermId', `a ${from.kind} merges only into a ${from.kind} (this is a ${into.kind})`);
      const { moved, hadBoth } = await this.clusters.relinkTerm(id, intoId, m);
      await m.delete(TaxonomyTermEntity, { id });
      return { term: termView(into), moved, hadBoth };
    });
  }

  /** Removes an unused term; a term that clusters use gives 409 (nothing is lost silently). */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const term = await m.findOneBy(TaxonomyTermEntity, { id });
      if (!term) throw notFound('Term', id);
      const used = (await this.clusters.termUsage(m, id)).get(id) ?? 0;
      if (used > 0) throw conflict(`The ${term.kind} "${term.name}" is used by ${used} cluster(s)`);
      await m.delete(TaxonomyTermEntity, { id });
    });
  }

  /**
   * Term ids of names (case-insensitive). Unknown names give 422 naming `path[i]`; `create` (or a mapping)
   * decides otherwise, for imports: `true` adds every unknown name, a mapping sends each unknown name
   * (key `termKey(kind, name)`) to an existing term id, or with null adds it.
   */
  static async resolve(
    m: EntityManager,
    kind: TermKind,
    names: readonly string[],
    path: string,
    create: boolean | TermMapping = false,
  ): Promise<string[]> {
    const all = await m.find(TaxonomyTermEntity, { where: { kind } });
    const byName = new Map(all.map((t) => [t.name.toLowerCase(), t.id]));
    const ids: string[] = [];
    const errors: FieldError[] = [];
    for (const [i, raw] of names.entries()) {
      const name = raw.trim();
      let id = byName.get(name.toLowerCase());
      const mapped = typeof create === 'boolean' ? undefined : create.get(termKey(kind, name));
      if (!id && mapped) id = all.some((t) => t.id === mapped) ? mapped : undefined;
      if (!id && name && (create === true || mapped === null)) {
        id = randomUUID();
        await m.insert(TaxonomyTermEntity, { id, kind, name });
        byName.set(name.toLowerCase(), id);
      }
      if (!id) errors.push({ path: `${path}[${i}]`, message: `unknown ${kind} "${name}" (see GET /api/taxonomy)` });
      else if (!ids.includes(id)) ids.push(id);
    }
    if (errors.length)
      throw new AppError(ErrorCode.Unprocessable, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    return ids;
  }
}
