import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One read (or refused read) of a victim's personal data. Append-only: a trigger refuses UPDATE and DELETE. */
@Entity({ name: 'access_log', schema: 'referral' })
export class AccessLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'victim_id', type: 'uuid' }) victimId!: string;
  @Column({ name: 'actor_sub', type: 'text' }) actorSub!: string;
  @Column({ name: 'actor_role', type: 'text' }) actorRole!: string;
  @Column({ name: 'actor_org', type: 'text' }) actorOrg!: string;
  @Column({ type: 'text', array: true }) fields!: string[];
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'text' }) outcome!: 'granted' | 'refused';
  @Column({ name: 'accessed_at', type: 'timestamptz' }) accessedAt!: Date;
}
