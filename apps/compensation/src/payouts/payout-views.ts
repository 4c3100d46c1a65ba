import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import { PayoutResponse } from './dto/payout.response.js';
import type { Payout } from './payout.entity.js';
import { PayoutsRepository } from './payouts.repository.js';

/** Result of a payout command: the payout, and whether this call only replayed an earlier one. */
export interface PayoutOutcome {
  payout: PayoutResponse;
  replayed: boolean;
}

/** Builds payout responses (history, change requests, masked IBAN) for every payout service. */
@Injectable()
export class PayoutViews {
  constructor(
    private readonly payouts: PayoutsRepository,
    private readonly cipher: PaymentDataCipher,
  ) {}

  async one(em: EntityManager, p: Payout): Promise<PayoutResponse> {
    return PayoutResponse.from(
      p,
      await this.payouts.history(em, p.id),
      await this.payouts.requestsOf(em, [p.id]),
      this.ibanOf(p),
    );
  }

  async many(em: EntityManager, rows: Payout[]): Promise<PayoutResponse[]> {
    const ids = rows.map((r) => r.id);
    const [history, requests] = [
      await this.payouts.historyOf(em, ids),
      await this.payouts.requestsOf(em, ids),
    ];
    return rows.map((p) =>
      PayoutResponse.from(
        p,
        history.filter((h) => h.payoutId === p.id),
        requests.filter((r) => r.request.payoutId === p.id),
        this.ibanOf(p),
      ),
    );
  }

  /** The decrypted IBAN of a bank payout. */
  ibanOf(p: Payout): string | undefined {
    return p.ibanEnc ? this.cipher.decrypt(p.ibanEnc, p.id, 'iban') : undefined;
  }
}
