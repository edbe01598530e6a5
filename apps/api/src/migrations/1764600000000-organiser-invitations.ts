import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 9, item 1: owners invite organisers by mail. An invitation names the address, the name, the role in the
 * inviting organisation and the mail's language; its link (only the SHA-256 of the token is kept) works once,
 * until `expires_at`, and opens the page where the invitee sets a password, which creates the organiser.
 */
export class OrganiserInvitations1764600000000 implements MigrationInterface {
  name = 'OrganiserInvitations1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE organiser_invitation (id varchar(36) PRIMARY KEY,
      organisation_id varchar(36) NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
      email varchar(254) NOT NULL, name varchar(200) NOT NULL, role varchar(16) NOT NULL,
      language varchar(8) NOT NULL, token_hash varchar(64) NOT NULL, invited_by varchar(36) NOT NULL,
      expires_at varchar(30) NOT NULL, used_at varchar(30), revoked_at varchar(30), created_at varchar(30) NOT NULL)`);
    await q.query('CREATE UNIQUE INDEX ux_organiser_invitation_token ON organiser_invitation (token_hash)');
    await q.query('CREATE INDEX ix_organiser_invitation_org ON organiser_invitation (organisation_id, created_at)');
    await q.query('CREATE INDEX ix_organiser_invitation_email ON organiser_invitation (email, created_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organiser_invitation');
  }
}
