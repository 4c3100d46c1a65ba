import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PeriodicWorker, PlatformLifecycle } from '#shared';
import type { CompensationConfig } from '../config/compensation.config.js';
import { PaymentDataCipher, type ProtectedField } from './payment-data-cipher.js';
import { PaymentDataRekeyRepository, type EncryptedPayoutRow } from './payment-data-rekey.repository.js';

const BATCH = 100;

/**
 * After a key rotation, re-encrypts beneficiaries' payment data still written under an older key,
 * in small locked batches (safe with several instances: `FOR UPDATE SKIP LOCKED`). Logs only counts.
 * Scheduled by the shared {@link PeriodicWorker}: passes never overlap, a failing pass is retried
 * after the interval, and shutdown waits for the pass in flight.
 */
@Injectable()
export class PaymentDataRekeyWorker extends PeriodicWorker implements OnModuleInit {
  readonly name = 'payment-data-rekey';
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: PaymentDataRekeyRepository,
    private readonly cipher: PaymentDataCipher,
    private readonly lifecycle: PlatformLifecycle,
    @Inject(CONFIG) private readonly config: CompensationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, 0, config.PAYMENT_DATA_REKEY_INTERVAL_MS);
  }

  onModuleInit(): void {
    if (this.config.PAYMENT_DATA_REKEY_INTERVAL_MS > 0) this.lifecycle.addWorker(this);
  }

  override start(): void {
    this.stopping = false;
    super.start();
  }

  /** Ends the pass in flight after its current batch. */
  override stop(): Promise<void> {
    this.stopping = true;
    return super.stop();
  }

  /** One pass; the next one comes after the configured interval. */
  protected async runOnce(): Promise<number> {
    await this.rekeyAll();
    return this.config.PAYMENT_DATA_REKEY_INTERVAL_MS;
  }

  /** Re-encrypts until nothing stale is left (or it is stopped); returns how many payouts it rewrote. */
  async rekeyAll(): Promise<number> {
    const active = this.config.PAYMENT_DATA_ACTIVE_KEY_ID;
    // Rows this round cannot decrypt (their key left the ring, or the value is damaged) are skipped
    // and reported, so that they never block the others.
    const unreadable: string[] = [];
    let total = 0;
    while (!this.stopping) {
      const n = await this.dataSource.transaction(async (em) => {
        const rows = await this.repo.stale(em, active, unreadable, BATCH);
        for (const row of rows) {
          let fresh: EncryptedPayoutRow;
          try {
            fresh = this.rekey(row);
          } catch {
            unreadable.push(row.id);
            continue;
          }
          await this.repo.update(em, fresh);
          total++;
        }
        return rows.length;
      });
      if (n < BATCH) break;
    }
    if (total > 0)
      this.logger.info({ payouts: total, keyId: active }, 'payment data re-encrypted under the active key');
    if (unreadable.length > 0) {
      this.logger.error(
        { payouts: unreadable.length, payoutIds: unreadable.slice(0, 20) },
        'payment data that no key in PAYMENT_DATA_KEYS can read',
      );
    }
    return total;
  }

  private rekey(row: EncryptedPayoutRow): EncryptedPayoutRow {
    const again = (value: string | null, field: ProtectedField) =>
      value === null ? null : this.cipher.encrypt(this.cipher.decrypt(value, row.id, field), row.id, field);
    return {
      id: row.id,
      beneficiary_name_enc: again(row.beneficiary_name_enc, 'beneficiary_name')!,
      iban_enc: again(row.iban_enc, 'iban'),
      identity_document_enc: again(row.identity_document_enc, 'identity_document'),
    };
  }
}
