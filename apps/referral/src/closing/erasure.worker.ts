import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PeriodicWorker, PlatformLifecycle, UnitOfWork } from '#shared';
import { PiiCipher, type PiiField } from '../common/pii-cipher.js';
import type { ReferralConfig } from '../config/referral.config.js';
import { ErasureRepository, type LegacyVictimRow } from './erasure.repository.js';

const BATCH = 100;

/**
 * personal data is kept no longer than needed. Each run first moves victims written before
 * per-victim data keys existed onto a key of their own (the migration of old rows: SQL cannot decrypt
 * them), then erases, by crypto-shredding, the data of victims whose referral was closed at least
 * PERSONAL_DATA_RETENTION_DAYS ago. Safe with several instances (SKIP LOCKED, one transaction per batch).
 */
@Injectable()
export class ErasureWorker extends PeriodicWorker implements OnModuleInit {
  readonly name = 'personal-data-erasure';

  constructor(
    private readonly lifecycle: PlatformLifecycle,
    private readonly uow: UnitOfWork,
    private readonly repository: ErasureRepository,
    private readonly cipher: PiiCipher,
    @Inject(CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, Math.min(config.ERASURE_SCAN_MS, 1_000), config.ERASURE_SCAN_MS);
  }

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  /** Re-keys one batch of old rows; returns how many. */
  rekeyBatch(): Promise<number> {
    return this.uow.run(async (tx) => {
      const rows = await this.repository.lockLegacy(tx.em, BATCH);
      let moved = 0;
      for (const row of rows) {
        const ring = this.cipher.forVictim(row.id, null);
        const { sealer, wrapped } = this.cipher.newDataKey(row.id);
        const move = (v: string | null, f: PiiField) => sealer.encryptOptional(ring.decryptOptional(v, f), f);
        let resealed: LegacyVictimRow;
        try {
          resealed = {
            id: row.id,
            givenNameEnc: move(row.givenNameEnc, 'givenName')!,
            familyNameEnc: move(row.familyNameEnc, 'familyName')!,
            dateOfBirthEnc: move(row.dateOfBirthEnc, 'dateOfBirth'),
            contactEnc: move(row.contactEnc, 'contact'),
            circumstancesEnc: move(row.circumstancesEnc, 'circumstances'),
            documentsEnc: move(row.documentsEnc, 'documents'),
            threatsEnc: move(row.threatsEnc, 'threats'),
            measuresEnc: move(row.measuresEnc, 'measures'),
          };
        } catch {
          // A value no key of the ring opens (a retired key?): left as it is, for an operator to see.
          this.logger.warn(
            { victimId: row.id },
            'victim not re-keyed: a value cannot be decrypted with the key ring',
          );
          continue;
        }
        await this.repository.rekey(tx.em, resealed, wrapped);
        moved++;
      }
      return moved;
    });
  }

  /** Erases one batch of victims past their retention; returns how many. */
  // @clause the personal data of a closed case is erased (crypto-shredding) after the retention period
  eraseBatch(): Promise<number> {
    return this.uow.run((tx) =>
      this.repository.eraseDue(tx.em, this.config.PERSONAL_DATA_RETENTION_DAYS, BATCH),
    );
  }

  protected async runOnce(): Promise<number> {
    const rekeyed = await this.rekeyBatch();
    const erased = await this.eraseBatch();
    if (rekeyed) this.logger.info({ rekeyed }, 'victims moved to data keys of their own');
    if (erased) this.logger.info({ erased }, "victims' personal data erased after the retention period");
    return rekeyed >= BATCH || erased >= BATCH ? 100 : this.config.ERASURE_SCAN_MS;
  }
}
