import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9: organisations own organisers (with a role), events and clusters. The rows of an installation from
 * before are moved into one organisation, their organisers becoming its owners. Cluster names are unique within
 * an organisation (ignoring case), no longer across the installation: a name taken elsewhere is not a leak.
 */
export class Organisations1764500000000 implements MigrationInterface {
  name = 'Organisations1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE organisation (id varchar(36) PRIMARY KEY, name varchar(200) NOT NULL, created_at varchar(30) NOT NULL)',
    );
    await q.query('CREATE UNIQUE INDEX ux_organisation_name_lower ON organisation (LOWER(name))');
    for (const table of ['organiser', 'event', 'cluster', 'outbox_message'])
      await q.query(`ALTER TABLE ${table} ADD COLUMN organisation_id varchar(36) NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE organiser ADD COLUMN role varchar(16) NOT NULL DEFAULT 'owner'`);
    const [{ n }] = (await q.query(
      'SELECT (SELECT COUNT(*) FROM organiser) + (SELECT COUNT(*) FROM event) + (SELECT COUNT(*) FROM cluster) AS n',
    )) as { n: number | string }[];
    if (Number(n) > 0) {
      const id = randomUUID();
      const param = q.connection.options.type === 'postgres' ? ['$1', '$2', '$3'] : ['?', '?', '?'];
      await q.query(`INSERT INTO organisation (id, name, created_at) VALUES (${param.join(', ')})`, [
        id,
        'Organisation',
        new Date().toISOString(),
      ]);
      for (const table of ['organiser', 'event', 'cluster', 'outbox_message'])
        await q.query(`UPDATE ${table} SET organisation_id = ${param[0]}`, [id]);
    }
    await q.query('CREATE INDEX ix_organiser_organisation ON organiser (organisation_id)');
    await q.query('CREATE INDEX ix_event_organisation ON event (organisation_id)');
    await q.query('CREATE INDEX ix_outbox_organisation ON outbox_message (organisation_id, created_at)');
    await q.query('CREATE UNIQUE INDEX ux_cluster_org_name_lower ON cluster (organisation_id, LOWER(name))');
    await q.query('DROP INDEX ux_cluster_name_lower');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE UNIQUE INDEX ux_cluster_name_lower ON cluster (LOWER(name))');
    await q.query('DROP INDEX ux_cluster_org_name_lower');
    await q.query('DROP INDEX ix_outbox_organisation');
    await q.query('DROP INDEX ix_event_organisation');
    await q.query('DROP INDEX ix_organiser_organisation');
    await q.query('ALTER TABLE organiser DROP COLUMN role');
    for (const table of ['cluster', 'event', 'organiser'])
      await q.query(`ALTER TABLE ${table} DROP COLUMN organisation_id`);
    await q.query('DROP TABLE organisation');
  }
}
