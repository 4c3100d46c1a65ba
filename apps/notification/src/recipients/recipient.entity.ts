import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, Language } from '../routing/channels.js';

/** Who receives notifications for an organisation or facility, over one channel. */
@Entity({ name: 'recipients', schema: 'notification' })
export class Recipient {
  @PrimaryColumn('uuid') id!: string;
  /** Organisation code (`MIA-SPU`, `NC`, `FUND`, an NGO's code) or a facility code. */
  @Column('text') org!: string;
  @Column('text') channel!: Channel;
  /** E-mail address, URL or phone number, AES-256-GCM sealed. */
  @Column('text', { name: 'address_sealed' }) addressSealed!: string;
  /** Keyed blind index of the normalised address (uniqueness per org and channel). */
  @Column('text', { name: 'address_index' }) addressIndex!: string;
  @Column('text') language!: Language;
  /** Webhook signing secret (`whsec_…`), sealed; never returned by the API or logged. */
  @Column('text', { name: 'secret_sealed', nullable: true }) secretSealed!: string | null;
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'deactivated_at', nullable: true }) deactivatedAt!: Date | null;
  @Column('text', { name: 'deactivated_by', nullable: true }) deactivatedBy!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
