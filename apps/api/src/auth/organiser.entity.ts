import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('organiser')
export class OrganiserEntity {
  @PrimaryColumn('varchar', { length: 36 }) id!: string;
  @Column('varchar', { length: 254 }) email!: string;
  @Column('varchar', { length: 200 }) name!: string;
  @Column('varchar', { name: 'password_hash', length: 100 }) passwordHash!: string;
  @Column('varchar', { name: 'created_at', length: 30 }) createdAt!: string;
}
