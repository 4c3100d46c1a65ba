import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONFIG, type Principal } from '#shared';
import type { CompensationConfig } from '../config/compensation.config.js';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import { PaymentDataAccessLog } from '../payment-data/payment-data-access.log.js';
import { payoutsErrors } from './payouts.errors.js';
import { PayoutsRepository } from './payouts.repository.js';
import { renderCashReceipt } from './receipt.renderer.js';

/** Printable receipts of cash disbursements; each print is recorded, as it shows personal data. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly payouts: PayoutsRepository,
    private readonly cipher: PaymentDataCipher,
    private readonly accessLog: PaymentDataAccessLog,
    @Inject(CONFIG) private readonly config: CompensationConfig,
  ) {}

  async cashReceipt(user: Principal, id: string): Promise<string> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.payouts.find(em, id);
      if (!p) throw payoutsErrors.error('not-found', 'No such payout');
      if (p.method !== 'cash' || p.status !== 'disbursed' || !p.receiptNumber || !p.identityDocumentEnc) {
        throw payoutsErrors.error('illegal-transition', 'A receipt exists only for a disbursed cash payout');
      }
      const disbursal = (await this.payouts.history(em, id)).find((t) => t.toStatus === 'disbursed')!;
      await this.accessLog.record(em, 'payout_receipt', id, user);
      return renderCashReceipt({
        payoutId: p.id,
        receiptNumber: p.receiptNumber,
        claimId: p.claimId,
        amountMinor: p.amountMinor,
        beneficiaryName: this.cipher.decrypt(p.beneficiaryNameEnc, p.id, 'beneficiary_name'),
        identityDocument: this.cipher.decrypt(p.identityDocumentEnc, p.id, 'identity_document'),
        disbursedBy: disbursal.actor,
        disbursedAt: disbursal.at,
        approvedBy: p.approvedBy ?? '',
        fundName: this.config.FUND_DEBTOR_NAME,
      });
    });
  }
}
