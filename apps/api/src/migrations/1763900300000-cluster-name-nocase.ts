import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cluster names are unique ignoring case in the database too (R3), not only in ClustersService.byName:
 * two concurrent creates of "Tokyo Robotics" and "tokyo robotics" could both pass the application check.
 * A unique expression index on LOWER(name), which SQLite (3.9+) and PostgreSQL both accept. SQLite's LOWER
 * folds ASCII letters only; the application check (JS toLowerCase) still covers the other letters.
 */
export class ClusterNameNocase1763900300000 implements MigrationInterface {
  name = 'ClusterNameNocase1763900300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE UNIQUE INDEX ux_cluster_name_lower ON cluster (LOWER(name))');
    // The case-sensitive index is implied by the new one.
    await q.query('DROP INDEX ux_cluster_name');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE UNIQUE INDEX ux_cluster_name ON cluster (name)');
    await q.query('DROP INDEX ux_cluster_name_lower');
  }
}
