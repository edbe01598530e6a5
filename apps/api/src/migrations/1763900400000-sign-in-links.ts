import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, item 4: a new login link cancels the older ones (`magic_link.revoked_at`), and delegates invite
 * delegates (or confirm a new e-mail address) through a link mailed to the address (`delegate_invitation`,
 * which stores only the SHA-256 of the token). Plain SQL that SQLite and PostgreSQL both accept.
 */
export class SignInLinks1763900400000 implements MigrationInterface {
  name = 'SignInLinks1763900400000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE magic_link ADD COLUMN revoked_at varchar(30)`,
      // Counting an address's recent links, and finding its live ones.
      `CREATE INDEX ix_magic_link_delegate ON magic_link (delegate_id, created_at)`,
      `CREATE TABLE delegate_invitation (id varchar(36) PRIMARY KEY, kind varchar(16) NOT NULL,
        token_hash varchar(64) NOT NULL, cluster_id varchar(36) NOT NULL REFERENCES cluster(id) ON DELETE CASCADE,
        delegate_id varchar(36) REFERENCES delegate(id) ON DELETE CASCADE, email varchar(254) NOT NULL,
        name varchar(200) NOT NULL, role varchar(120) NOT NULL, invited_by varchar(36) NOT NULL,
        expires_at varchar(30) NOT NULL, used_at varchar(30), revoked_at varchar(30), created_at varchar(30) NOT NULL)`,
      `CREATE UNIQUE INDEX ux_delegate_invitation_token ON delegate_invitation (token_hash)`,
      `CREATE INDEX ix_delegate_invitation_email ON delegate_invitation (email, created_at)`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE delegate_invitation');
    await q.query('DROP INDEX ix_magic_link_delegate');
    await q.query('ALTER TABLE magic_link DROP COLUMN revoked_at');
  }
}
