import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables a meeting may use (solver contract 1.1 `allowedTables`): organiser-defined features of a
 * table (tags such as "accessible", as a JSON list), the cluster whose stand a table is (it hosts its
 * meetings there), and the features a delegate needs. Plain ADD/DROP COLUMN, which SQLite (3.35+)
 * and PostgreSQL both accept.
 */
export class TableFeatures1763900600000 implements MigrationInterface {
  name = 'TableFeatures1763900600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE event_table ADD COLUMN features varchar(500) NOT NULL DEFAULT '[]'`);
    await q.query('ALTER TABLE event_table ADD COLUMN stand_cluster_id varchar(36) NULL');
    await q.query(`ALTER TABLE delegate ADD COLUMN needs varchar(500) NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE delegate DROP COLUMN needs');
    await q.query('ALTER TABLE event_table DROP COLUMN stand_cluster_id');
    await q.query('ALTER TABLE event_table DROP COLUMN features');
  }
}
