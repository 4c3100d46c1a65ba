import { Column, Entity, PrimaryColumn } from 'typeorm';

export const FACILITY_KINDS = ['shelter', 'assistance_centre'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const OPERATORS = ['state', 'ngo'] as const;
export type Operator = (typeof OPERATORS)[number];
/** Lawful funding sources of rehabilitation. Stored in tables: never rename a value. */
export const FUNDING_SOURCES = [
  'state_budget',
  'grant',
  'donation',
  'international',
  'other_lawful',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/**
 * A special institution: a shelter for temporary stay or an assistance centre, run by the
 * state or an NGO. `occupied` and `held` are bed counters kept by placement, bounded by a
 * CHECK (`occupied + held <= capacity`).
 */
@Entity({ name: 'facilities' })
export class Facility {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text') kind!: FacilityKind;
  @Column('text') region!: string;
  @Column('text') operator!: Operator;
  @Column('text', { name: 'funding_sources', array: true }) fundingSources!: FundingSource[];
  @Column('integer') capacity!: number;
  @Column('text', { name: 'accepts_sexes', array: true }) acceptsSexes!: string[];
  @Column('boolean', { name: 'accepts_children' }) acceptsChildren!: boolean;
  @Column('integer', { name: 'min_age', nullable: true }) minAge!: number | null;
  @Column('integer', { name: 'max_age', nullable: true }) maxAge!: number | null;
  @Column('text', { array: true }) languages!: string[];
  @Column('boolean') accessible!: boolean;
  @Column('boolean') active!: boolean;
  @Column('integer') occupied!: number;
  @Column('integer') held!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
