import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClusterTermEntity } from '../clusters/cluster.entity';
import { AppError, conflict, ErrorCode, FieldError, notFound } from '../common/errors';
import { Db } from '../database/db.service';
import { TaxonomyTermEntity, TermKind } from './taxonomy-term.entity';

@Injectable()
export class TaxonomyService {
  constructor(private readonly db: Db) {}

  list(kind?: TermKind): Promise<TaxonomyTermEntity[]> {
    return this.db.manager.find(TaxonomyTermEntity, {
      where: kind ? { kind } : {},
      order: { kind: 'ASC', name: 'ASC' },
    });
  }

  async create(kind: TermKind, name: string): Promise<TaxonomyTermEntity> {
    const trimmed = name.trim();
    return this.db.transaction(async (m) => {
      if (await m.findOneBy(TaxonomyTermEntity, { kind, name: trimmed }))
        throw conflict(`The ${kind} "${trimmed}" exists already`);
      const term = { id: randomUUID(), kind, name: trimmed };
      await m.insert(TaxonomyTermEntity, term);
      return term;
    });
  }

  async rename(id: string, name: string): Promise<TaxonomyTermEntity> {
    return this.db.transaction(async (m) => {
      const term = await m.findOneBy(TaxonomyTermEntity, { id });
      if (!term) throw notFound('Term', id);
      const clash = await m.findOneBy(TaxonomyTermEntity, { kind: term.kind, name: name.trim() });
      if (clash && clash.id !== id) throw conflict(`The ${term.kind} "${name.trim()}" exists already`);
      await m.update(TaxonomyTermEntity, { id }, { name: name.trim() });
      return { ...term, name: name.trim() };
    });
  }

  /** Removes an unused term; a term that clusters use gives 409 (nothing is lost silently). */
  async remove(id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const term = await m.findOneBy(TaxonomyTermEntity, { id });
      if (!term) throw notFound('Term', id);
      const used = await m.countBy(ClusterTermEntity, { termId: id });
      if (used > 0) throw conflict(`The ${term.kind} "${term.name}" is used by ${used} cluster(s)`);
      await m.delete(TaxonomyTermEntity, { id });
    });
  }

  /**
   * Term ids of names (case-insensitive). Unknown names give 422 naming `path[i]`
   * (`create` adds unknown names instead, for imports that set up a taxonomy).
   */
  static async resolve(
    m: EntityManager,
    kind: TermKind,
    names: readonly string[],
    path: string,
    create = false,
  ): Promise<string[]> {
    const all = await m.find(TaxonomyTermEntity, { where: { kind } });
    const byName = new Map(all.map((t) => [t.name.toLowerCase(), t.id]));
    const ids: string[] = [];
    const errors: FieldError[] = [];
    for (const [i, raw] of names.entries()) {
      const name = raw.trim();
      let id = byName.get(name.toLowerCase());
      if (!id && create && name) {
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
