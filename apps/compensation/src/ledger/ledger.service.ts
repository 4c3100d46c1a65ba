import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER, type Principal, isCheckViolation, isUniqueViolation } from '#shared';
import { LedgerGate } from '../common/ledger-gate.js';
import { postings } from './ledger-postings.js';
import { ACCOUNTS, type AccountCode, type InflowSource } from './ledger.entities.js';
import { ledgerErrors } from './ledger.errors.js';
import { LedgerRepository } from './ledger.repository.js';
import type { CreateInflowDto } from './dto/fund.dto.js';
import { BalanceResponse, InflowResponse, StatementResponse } from './dto/fund.response.js';

const ACCOUNT_ORDER: AccountCode[] = Object.values(ACCOUNTS);

function inflowResponse(id: string, dto: CreateInflowDto, recordedBy: string): InflowResponse {
  return Object.assign(new InflowResponse(), {
    id,
    source: dto.source,
    amountMinor: dto.amountMinor,
    currency: 'AZN' as const,
    reference: dto.reference,
    recordedBy,
  });
}
const MAX_STATEMENT_DAYS = 366;

/**
 * The Assistance Fund's double-entry ledger. Every posting is balanced (checked by the
 * database at commit) and the available balance can never go below zero (a CHECK on the account row,
 * which every posting updates under its row lock).
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly gate: LedgerGate,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * money from the state budget, a grant or another lawful source. The reference is
   * unique per source, which makes a retry safe: the same inflow again answers with the recorded one
   * (`replayed`); the same reference with another amount is `409 inflow-exists`.
   */
  // @clause money comes in from the state budget, a grant or another lawful source
  async recordInflow(
    user: Principal,
    dto: CreateInflowDto,
  ): Promise<{ inflow: InflowResponse; replayed: boolean }> {
    const id = randomUUID();
    try {
      await this.gate.run(() =>
        this.dataSource.transaction((em) =>
          this.ledger.post(
            em,
            { id, kind: 'inflow', source: dto.source, reference: dto.reference, createdBy: user.sub },
            postings.inflow(dto.source, dto.amountMinor),
          ),
        ),
      );
    } catch (err) {
      if (isUniqueViolation(err, 'journal_entries_inflow_reference_uq')) {
        const earlier = await this.ledger.findInflow(this.dataSource.manager, dto.source, dto.reference);
        if (earlier && earlier.amountMinor === dto.amountMinor) {
          return { inflow: inflowResponse(earlier.id, dto, earlier.createdBy), replayed: true };
        }
        throw ledgerErrors.error(
          'inflow-exists',
          'An inflow from this source with this reference is already recorded with another amount',
        );
      }
      throw err;
    }
    this.logger.info(
      { entryId: id, source: dto.source, amountMinor: dto.amountMinor, by: user.sub },
      'fund inflow recorded',
    );
    return { inflow: inflowResponse(id, dto, user.sub), replayed: false };
  }

  /**
   * Reserves a payout's amount on approval, inside the caller's transaction. The available row is
   * locked first, so concurrent approvals queue here and each sees the balance the previous one
   * left; the CHECK (available >= 0) is the backstop. Either way: `409 insufficient-funds`.
   */
  async reserve(em: EntityManager, payoutId: string, amountMinor: number, actor: string): Promise<void> {
    const available = await this.ledger.lockAvailable(em);
    if (available < amountMinor) {
      throw ledgerErrors.error(
        'insufficient-funds',
        'The Fund does not have enough available money to approve this payout',
      );
    }
    await this.postForPayout(em, 'reservation', payoutId, postings.reservation(amountMinor), actor);
  }

  /** The reserved amount leaves the Fund: the payout was settled by the bank or disbursed in cash. */
  pay(em: EntityManager, payoutId: string, amountMinor: number, actor: string): Promise<void> {
    return this.postForPayout(em, 'payout', payoutId, postings.payout(amountMinor), actor);
  }

  /** A reserved payout failed: the money is available again. */
  release(em: EntityManager, payoutId: string, amountMinor: number, actor: string): Promise<void> {
    return this.postForPayout(em, 'reversal', payoutId, postings.release(amountMinor), actor);
  }

  /** A paid payout came back from the bank: the money is available again. */
  refund(em: EntityManager, payoutId: string, amountMinor: number, actor: string): Promise<void> {
    return this.postForPayout(em, 'reversal', payoutId, postings.refund(amountMinor), actor);
  }

  async balance(): Promise<BalanceResponse> {
    const b = await this.ledger.balances(this.dataSource.manager);
    const get = (code: AccountCode) => b.get(code) ?? 0;
    return Object.assign(new BalanceResponse(), {
      availableMinor: get(ACCOUNTS.available),
      reservedMinor: get(ACCOUNTS.reserved),
      paidMinor: get(ACCOUNTS.paid),
      // Income accounts carry credit (negative) balances.
      receivedMinor: {
        state_budget: -get(ACCOUNTS.stateBudget),
        grant: -get(ACCOUNTS.grant),
        other: -get(ACCOUNTS.other),
      } satisfies Record<InflowSource, number>,
      currency: 'AZN' as const,
    });
  }

  /** Opening, movements and closing per account over `[from, to)`, and the entries, in one snapshot. */
  async statement(from: Date, to: Date, limit = 500): Promise<StatementResponse> {
    if (!(from < to))
      throw ledgerErrors.error('validation-failed', 'Invalid fields: to', [
        { field: 'to', message: 'must be after from' },
      ]);
    if (to.getTime() - from.getTime() > MAX_STATEMENT_DAYS * 86_400_000) {
      throw ledgerErrors.error('validation-failed', 'Invalid fields: to', [
        { field: 'to', message: `period must be at most ${MAX_STATEMENT_DAYS} days` },
      ]);
    }
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const opening = await this.ledger.balancesAt(em, from);
      const moves = await this.ledger.movements(em, from, to);
      const rows = await this.ledger.entries(em, from, to, limit + 1);
      return Object.assign(new StatementResponse(), {
        from: from.toISOString(),
        to: to.toISOString(),
        currency: 'AZN' as const,
        accounts: ACCOUNT_ORDER.map((account) => {
          const open = opening.get(account) ?? 0;
          const m = moves.get(account) ?? { debits: 0, credits: 0 };
          return {
            account,
            openingMinor: open,
            debitsMinor: m.debits,
            creditsMinor: m.credits,
            closingMinor: open + m.debits - m.credits,
          };
        }),
        entries: rows.slice(0, limit).map((r) => ({
          id: r.id,
          kind: r.kind,
          postedAt: r.createdAt.toISOString(),
          postedBy: r.createdBy,
          ...(r.payoutId ? { payoutId: r.payoutId } : {}),
          ...(r.source ? { source: r.source } : {}),
          ...(r.reference ? { reference: r.reference } : {}),
          lines: r.lines,
        })),
        truncated: rows.length > limit,
      });
    });
  }

  private async postForPayout(
    em: EntityManager,
    kind: 'reservation' | 'payout' | 'reversal',
    payoutId: string,
    lines: ReturnType<typeof postings.payout>,
    actor: string,
  ): Promise<void> {
    try {
      await this.ledger.post(em, { id: randomUUID(), kind, payoutId, createdBy: actor }, lines);
    } catch (err) {
      if (isCheckViolation(err, 'ledger_accounts_fund_non_negative')) {
        throw ledgerErrors.error(
          'insufficient-funds',
          'The Fund does not have enough money for this posting',
        );
      }
      throw err;
    }
  }
}
