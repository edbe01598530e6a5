import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, items 3 and 4: when each delegate last signed in (filled from the login links used so far), and the
 * Danish label of each taxonomy term (the English one stays `name`).
 */
export class ParticipantsTaxonomy1764520000000 implements MigrationInterface {
  name = 'ParticipantsTaxonomy1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE delegate ADD COLUMN last_sign_in_at varchar(30) NULL');
    await q.query(
      `UPDATE delegate SET last_sign_in_at = (SELECT MAX(l.used_at) FROM magic_link l WHERE l.delegate_id = delegate.id)`,
    );
    await q.query('ALTER TABLE taxonomy_term ADD COLUMN name_da varchar(120) NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE taxonomy_term DROP COLUMN name_da');
    await q.query('ALTER TABLE delegate DROP COLUMN last_sign_in_at');
  }
}
