import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { DomainError, Metrics } from '#shared';
import type { PayoutStatus } from './payout-state.js';

/** Counts payout state changes that took effect (not replays). Labels: state and method only, never ids. */
@Injectable()
export class PayoutMetrics {
  private readonly transitions: Counter<'to' | 'method'>;
  private readonly refusals: Counter<'reason'>;

  constructor(metrics: Metrics) {
    this.transitions = metrics.counter(
      'compensation_payout_transitions_total',
      'Payout state changes that took effect, by new state and method',
      ['to', 'method'],
    );
    this.refusals = metrics.counter(
      'compensation_payout_refusals_total',
      'Payout commands refused, by problem type',
      ['reason'],
    );
  }

  /** Counts the outcome of a payout command once it has committed (or been refused). */
  async observe<T extends { payout: { status: PayoutStatus; method: string }; replayed: boolean }>(
    command: Promise<T>,
  ): Promise<T> {
    try {
      const outcome = await command;
      if (!outcome.replayed)
        this.transitions.inc({ to: outcome.payout.status, method: outcome.payout.method });
      return outcome;
    } catch (err) {
      if (err instanceof DomainError) this.refusals.inc({ reason: err.code });
      throw err;
    }
  }
}
