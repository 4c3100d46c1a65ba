import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { commonErrors, CONFIG, DomainError, LOGGER, type Principal } from '#shared';
import type { CompensationConfig } from '../config/compensation.config.js';
import { PaymentDataAccessLog } from '../payment-data/payment-data-access.log.js';
import { PaymentDataCipher } from '../payment-data/payment-data-cipher.js';
import { normaliseIban } from '../payouts/iban.js';
import { Payout } from '../payouts/payout.entity.js';
import { PayoutLifecycleService } from '../payouts/payout-lifecycle.service.js';
import type { PayoutOutcome } from '../payouts/payout-views.js';
import { payoutsErrors } from '../payouts/payouts.errors.js';
import {
  BankStatusImportResponse,
  BankStatusItemResult,
  PayoutBatchResponse,
  type BankStatusItemDto,
} from './dto/batch.dto.js';
import { buildPain001 } from './pain001.builder.js';
import { parseCamt054, type Camt054Report } from './camt054.parser.js';
import { outcomeOf, parsePain002, payoutIdOf, type Pain002Report } from './pain002.parser.js';
import { BankReportError } from './iso20022-document.js';
import { PayoutBatch } from './payout-batch.entity.js';

/**
 * Bank batches: approved bank transfers gathered into one ISO 20022 pain.001 file for the Fund's bank.
 * Creating a batch moves its payouts to `sent`; the file is built on demand from the encrypted
 * payment data and each download is recorded (the file itself is personal data).
 */
@Injectable()
export class BatchesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: PayoutLifecycleService,
    private readonly cipher: PaymentDataCipher,
    private readonly accessLog: PaymentDataAccessLog,
    @Inject(CONFIG) private readonly config: CompensationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    if (!this.config.FUND_DEBTOR_IBAN || !this.config.FUND_DEBTOR_BIC) {
      this.logger.warn(
        'FUND_DEBTOR_IBAN or FUND_DEBTOR_BIC is not set: pain.001 export is disabled until both are',
      );
    }
  }

  async create(user: Principal, payoutIds: string[]): Promise<PayoutBatchResponse> {
    const id = randomUUID();
    await this.dataSource.transaction(async (em) => {
      const payouts = await this.lifecycle.lockBatchable(em, payoutIds);
      await em.getRepository(PayoutBatch).insert({
        id,
        // pain.001 MsgId: at most 35 characters, unique; the batch id without dashes is 32.
        messageId: id.replace(/-/g, ''),
        payoutCount: payouts.length,
        controlSumMinor: payouts.reduce((s, p) => s + p.amountMinor, 0),
        createdBy: user.sub,
      });
      await this.lifecycle.markSent(em, payouts, id, user.sub);
    });
    this.logger.info({ batchId: id, payouts: payoutIds.length, by: user.sub }, 'payout batch created');
    return this.get(id);
  }

  async get(id: string): Promise<PayoutBatchResponse> {
    const em = this.dataSource.manager;
    const batch = await this.find(em, id);
    const payouts = await em.getRepository(Payout).find({ where: { batchId: id }, order: { id: 'ASC' } });
    return Object.assign(new PayoutBatchResponse(), {
      id: batch.id,
      messageId: batch.messageId,
      payoutCount: batch.payoutCount,
      controlSumMinor: batch.controlSumMinor,
      currency: 'AZN' as const,
      payoutIds: payouts.map((p) => p.id),
      createdBy: batch.createdBy,
      createdAt: batch.createdAt.toISOString(),
    });
  }

  /** The pain.001 file of a batch; creditor names and IBANs are decrypted only while writing it. */
  async pain001(user: Principal, id: string): Promise<{ fileName: string; xml: string }> {
    const {
      FUND_DEBTOR_IBAN: debtorIban,
      FUND_DEBTOR_BIC: debtorBic,
      FUND_DEBTOR_NAME: debtorName,
    } = this.config;
    if (!debtorIban || !debtorBic) {
      throw commonErrors.error(
        'service-unavailable',
        "The Fund's debtor account (FUND_DEBTOR_IBAN, FUND_DEBTOR_BIC) is not configured",
      );
    }
    return this.dataSource.transaction(async (em) => {
      const batch = await this.find(em, id);
      const payouts = await em.getRepository(Payout).find({ where: { batchId: id }, order: { id: 'ASC' } });
      await this.accessLog.record(em, 'payout_batch', id, user);
      const xml = buildPain001({
        messageId: batch.messageId,
        createdAt: batch.createdAt,
        executionDate: batch.createdAt.toISOString().slice(0, 10),
        debtor: { name: debtorName, iban: normaliseIban(debtorIban), bic: debtorBic },
        transfers: payouts.map((p) => ({
          endToEndId: p.id.replace(/-/g, ''),
          amountMinor: p.amountMinor,
          creditorName: this.cipher.decrypt(p.beneficiaryNameEnc, p.id, 'beneficiary_name'),
          creditorIban: this.cipher.decrypt(p.ibanEnc!, p.id, 'iban'),
          ...(p.bic ? { creditorBic: p.bic } : {}),
          // Neutral on purpose: the text reaches the beneficiary's bank statement.
          remittance: `Payment ${p.id.replace(/-/g, '')}`,
        })),
      });
      this.logger.info({ batchId: id, by: user.sub }, 'pain.001 file downloaded');
      return { fileName: `pain001-${batch.messageId}.xml`, xml };
    });
  }

  /**
   * Applies the per-payout outcomes an officer reports for the batch, each in its own transaction
   * through the payout state machine: a report imported twice changes nothing the second time
   * (`replayed`), a failure or return only becomes a request (`requested`, four eyes), and an
   * outcome the state machine refuses is reported per payout (`refused`).
   */
  async importStatus(
    user: Principal,
    id: string,
    items: BankStatusItemDto[],
  ): Promise<BankStatusImportResponse> {
    await this.find(this.dataSource.manager, id);
    await this.assertInBatch(
      id,
      items.map((it) => it.payoutId),
      (i) => `results[${i}].payoutId`,
    );
    const results: BankStatusItemResult[] = [];
    for (const it of items) results.push(await this.applyOutcome(user, it));
    this.logger.info({ batchId: id, items: items.length, by: user.sub }, 'bank status imported');
    return Object.assign(new BankStatusImportResponse(), { batchId: id, results });
  }

  /**
   * The bank's own ISO 20022 `pain.002` status report on this batch, naming each payout by its
   * end-to-end id: settlement completed (ACSC, ACCC) settles, a rejection (RJCT) fails with its
   * reason code (the bank's word: no second person needed; an open request is overtaken); other
   * statuses change nothing yet and are answered as `pending`.
   */
  async importPain002(user: Principal, id: string, xml: string): Promise<BankStatusImportResponse> {
    const batch = await this.find(this.dataSource.manager, id);
    const bad = (message: string) =>
      commonErrors.error('validation-failed', 'Invalid fields: document', [{ field: 'document', message }]);
    let report: Pain002Report;
    try {
      report = parsePain002(xml);
    } catch (err) {
      if (err instanceof BankReportError) throw bad(err.message);
      throw err;
    }
    if (report.originalMessageId !== batch.messageId)
      throw bad('is not a status report on this batch (OrgnlMsgId)');
    const payoutIds = report.transactions.map((tx) => payoutIdOf(tx.endToEndId));
    if (payoutIds.some((p) => p === undefined))
      throw bad('names an OrgnlEndToEndId this service did not write');
    await this.assertInBatch(id, payoutIds as string[], () => 'document');
    const results: BankStatusItemResult[] = [];
    for (const [i, tx] of report.transactions.entries()) {
      const payoutId = payoutIds[i]!;
      const outcome = outcomeOf(tx.status);
      if (outcome === undefined) {
        const current = await this.dataSource.manager.getRepository(Payout).findOneBy({ id: payoutId });
        results.push({ payoutId, result: 'pending', status: current?.status ?? 'unknown' });
        continue;
      }
      // Bank texts are bounded here as the columns are (AcctSvcrRef is Max35Text, reasons are codes).
      const evidence = { source: `pain.002 ${report.messageId}`.slice(0, 200) };
      results.push(
        await this.report(payoutId, () =>
          outcome === 'settled'
            ? this.lifecycle.settle(
                user,
                payoutId,
                (tx.bankReference ?? report.messageId).slice(0, 100),
                evidence,
              )
            : this.lifecycle.bankOutcome(
                user,
                payoutId,
                'failed',
                (tx.reason ?? tx.status).slice(0, 200),
                evidence,
              ),
        ),
      );
    }
    this.logger.info(
      { batchId: id, transactions: report.transactions.length, by: user.sub },
      'pain.002 status report imported',
    );
    return Object.assign(new BankStatusImportResponse(), { batchId: id, results });
  }

  /**
   * The bank's ISO 20022 `camt.054` notification of returned credit transfers on the Fund's account:
   * each booked return names a payout by its end-to-end id; a settled payout is returned (the money is
   * available again), one still in the bank's hands fails (its reservation is released). This is the
   * bank's word, so no second person is needed; an open request is overtaken. A return whose amount
   * is not the payout's is refused; one not yet booked is `pending`; a report imported twice changes
   * nothing the second time.
   */
  async importCamt054(user: Principal, xml: string): Promise<BankStatusImportResponse> {
    const bad = (message: string) =>
      commonErrors.error('validation-failed', 'Invalid fields: document', [{ field: 'document', message }]);
    let report: Camt054Report;
    try {
      report = parseCamt054(xml);
    } catch (err) {
      if (err instanceof BankReportError) throw bad(err.message);
      throw err;
    }
    const fundIban = this.config.FUND_DEBTOR_IBAN ? normaliseIban(this.config.FUND_DEBTOR_IBAN) : undefined;
    if (!fundIban || report.accounts.some((a) => a !== fundIban))
      throw bad("is not a notification on the Fund's account (Ntfctn/Acct/Id/IBAN)");
    if (report.returns.length === 0)
      throw bad('reports no returned credit transfer (NtryDtls/TxDtls/RtrInf)');
    const payoutIds = report.returns.map((r) => payoutIdOf(r.endToEndId));
    const known = new Set(
      (
        await this.dataSource.manager.getRepository(Payout).find({
          where: { id: In(payoutIds.filter((id): id is string => id !== undefined)) },
          select: { id: true, batchId: true },
        })
      )
        .filter((p) => p.batchId !== null)
        .map((p) => p.id),
    );
    if (payoutIds.some((id) => id === undefined || !known.has(id)))
      throw bad('names an EndToEndId of no transfer this service issued');
    const evidence = { source: `camt.054 ${report.messageId}`.slice(0, 200) };
    const results: BankStatusItemResult[] = [];
    for (const [i, ret] of report.returns.entries()) {
      const payoutId = payoutIds[i]!;
      const payout = (await this.dataSource.manager.getRepository(Payout).findOneBy({ id: payoutId }))!;
      if (!ret.booked) {
        results.push({ payoutId, result: 'pending', status: payout.status });
      } else if (
        (ret.currency !== undefined && ret.currency !== 'AZN') ||
        (ret.amountMinor !== undefined && ret.amountMinor !== payout.amountMinor)
      ) {
        results.push({ payoutId, result: 'refused', status: payout.status, error: 'amount-mismatch' });
      } else {
        results.push(
          await this.report(payoutId, () =>
            this.lifecycle.bankOutcome(
              user,
              payoutId,
              'returned',
              (ret.reason ?? 'returned').slice(0, 200),
              evidence,
            ),
          ),
        );
      }
    }
    this.logger.info({ returns: report.returns.length, by: user.sub }, 'camt.054 notification imported');
    return Object.assign(new BankStatusImportResponse(), { results });
  }

  private async assertInBatch(
    batchId: string,
    payoutIds: string[],
    field: (index: number) => string,
  ): Promise<void> {
    const inBatch = new Set(
      (
        await this.dataSource.manager.getRepository(Payout).find({ where: { batchId }, select: { id: true } })
      ).map((p) => p.id),
    );
    const strangers = payoutIds.map((id, i) => ({ id, i })).filter(({ id }) => !inBatch.has(id));
    if (strangers.length > 0) {
      throw commonErrors.error(
        'validation-failed',
        'Some payouts are not in this batch',
        [...new Set(strangers.map(({ i }) => field(i)))].map((f) => ({
          field: f,
          message: 'is not a payout of this batch',
        })),
      );
    }
  }

  /**
   * Applies one outcome typed in by an officer through the payout state machine; a refusal is
   * reported, not thrown. Being one person's word, a failure or return of a payout whose file was
   * issued is only recorded as a request (`requested`) for a second person to confirm.
   */
  private applyOutcome(user: Principal, it: BankStatusItemDto): Promise<BankStatusItemResult> {
    return this.report(it.payoutId, () =>
      it.outcome === 'settled'
        ? this.lifecycle.settle(user, it.payoutId, it.bankReference!)
        : it.outcome === 'failed'
          ? this.lifecycle.fail(user, it.payoutId, it.reason!)
          : this.lifecycle.requestReturn(user, it.payoutId, it.reason!),
    );
  }

  /** Runs one payout command and reports its result; a domain refusal is reported with the payout's current status. */
  async report(payoutId: string, command: () => Promise<PayoutOutcome>): Promise<BankStatusItemResult> {
    try {
      const outcome = await command();
      const requested =
        outcome.payout.status === 'failure_requested' || outcome.payout.status === 'return_requested';
      return {
        payoutId,
        result: outcome.replayed ? 'replayed' : requested ? 'requested' : 'applied',
        status: outcome.payout.status,
      };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const current = await this.dataSource.manager.getRepository(Payout).findOneBy({ id: payoutId });
      return { payoutId, result: 'refused', status: current?.status ?? 'unknown', error: err.code };
    }
  }

  private async find(em: EntityManager, id: string): Promise<PayoutBatch> {
    const batch = await em.getRepository(PayoutBatch).findOneBy({ id });
    if (!batch) throw payoutsErrors.error('not-found', 'No such payout batch');
    return batch;
  }
}
