import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person of a cluster. The e-mail is unique (it is the magic-link login). */
@Entity('delegate')
export class DelegateEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { name: 'cluster_id', length: 36 }) clusterId!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { length: 254 }) email!: string;
  @Column('varchar', { length: 120 }) role!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
  /** Table features the delegate needs (e.g. "accessible"), a JSON list. */
  @Column('varchar', { length: 500, default: '[]' }) needs!: string;
  /** When the delegate last signed in (a login or invitation link used); null: never. */
  @Column('varchar', { name: 'last_sign_in_at', length: 30, nullable: true }) lastSignInAt?: string | null;
  /** When the person was erased (issue 17): name, e-mail and role were replaced then; null for everyone else. */
  @Column('varchar', { name: 'erased_at', length: 30, nullable: true }) erasedAt?: string | null;
  /** The delegate's choice to be listed (name and role) on their cluster's profile in the directory; default on. */
  @Column('boolean', { name: 'directory_visible', default: true }) directoryVisible?: boolean;
  /** The language the delegate is written in, `en` or `da` (issue 16); null: the event's default. */
  @Column('varchar', { length: 2, nullable: true }) language?: 'en' | 'da' | null;
}

/** A slot (of one event) in which the delegate cannot meet. */
@Entity('unavailability')
export class UnavailabilityEntity {
  @PrimaryColumn('varchar', { name: 'delegate_id', length: 36 }) delegateId!: string;
  @PrimaryColumn('varchar', { name: 'slot_id', length: 36 }) slotId!: string;
  @Column('varchar', { name: 'event_id', length: 36 }) eventId!: string;
}
