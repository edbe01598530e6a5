import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, collaborations: what came of the matchmaking, recorded by the clusters involved (or an organiser).
 * A record belongs to the clusters, not to the delegate who wrote it, so it survives staff turnover.
 */
export class Collaborations1764100200000 implements MigrationInterface {
  name = 'Collaborations1764100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE collaboration (id varchar(36) PRIMARY KEY,
      event_id varchar(36) REFERENCES event(id) ON DELETE SET NULL, type varchar(24) NOT NULL,
      status varchar(16) NOT NULL, title varchar(200) NOT NULL, new_ideas integer NOT NULL,
      new_products integer NOT NULL, new_competences integer NOT NULL, recorded_by varchar(36) NOT NULL,
      created_at varchar(30) NOT NULL, updated_at varchar(30) NOT NULL)`);
    await q.query('CREATE INDEX ix_collaboration_event ON collaboration (event_id)');
    await q.query(`CREATE TABLE collaboration_partner (
      collaboration_id varchar(36) NOT NULL REFERENCES collaboration(id) ON DELETE CASCADE,
      cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
      companies integer, smes integer, PRIMARY KEY (collaboration_id, cluster_id))`);
    await q.query('CREATE INDEX ix_collaboration_partner_cluster ON collaboration_partner (cluster_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE collaboration_partner');
    await q.query('DROP TABLE collaboration');
  }
}
