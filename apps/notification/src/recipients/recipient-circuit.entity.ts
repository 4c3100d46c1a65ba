import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The circuit breaker of one recipient, shared by every instance: after
 * `NOTIFY_CIRCUIT_FAILURE_THRESHOLD` consecutive failed attempts it opens until `openUntil`, and its
 * deliveries wait without using up attempts; then one probe is let through (half-open); a success
 * closes it, a failure opens it again for longer (`trips`).
 */
@Entity({ name: 'recipient_circuits', schema: 'notification' })
export class RecipientCircuit {
  @PrimaryColumn('uuid', { name: 'recipient_id' }) recipientId!: string;
  @Column('int', { name: 'consecutive_failures' }) consecutiveFailures!: number;
  @Column('int') trips!: number;
  @Column('timestamptz', { name: 'open_until', nullable: true }) openUntil!: Date | null;
  @Column('timestamptz', { name: 'last_failure_at', nullable: true }) lastFailureAt!: Date | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** The state of a circuit as the API shows it. */
export type CircuitState = 'closed' | 'open' | 'half_open';

export function circuitState(
  c: RecipientCircuit | null | undefined,
  threshold: number,
  now = new Date(),
): CircuitState {
  if (!c || c.consecutiveFailures < threshold) return 'closed';
  return c.openUntil && c.openUntil > now ? 'open' : 'half_open';
}
