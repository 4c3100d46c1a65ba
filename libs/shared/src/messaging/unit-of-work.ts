import type { DataSource, EntityManager } from 'typeorm';
import type { EventContract } from '../contracts/event-contract.js';
import { assertValidPayload, buildEnvelope, type Envelope } from './envelope.js';
import { OUTBOX_TRACE_KEY, captureTraceContext, type TraceCarrier } from './trace-context.js';

/** Options of an event written through a transaction. */
export interface PublishOptions {
  /** The aggregate the event is about; its events are published in the order written. */
  aggregateId: string;
  correlationId?: string;
  causationId?: string;
}

/** The transaction handed to {@link UnitOfWork.run}: its entity manager and an outbox writer. */
export interface Transaction {
  readonly em: EntityManager;
  /**
   * Queues an event. It is written to the outbox in this same transaction (just before commit) and
   * published after the commit; if the transaction rolls back, the event never existed.
   */
  publish<T extends object>(contract: EventContract<T>, data: T, opts: PublishOptions): Envelope<T>;
  /**
   * The outbox row of an event for a statement of this transaction that inserts it itself, together
   * with the state change it announces (see {@link UnitOfWork.outboxRow}): e.g. a row lock taken and
   * released within one round trip. If the statement inserts nothing, the event never existed.
   */
  outboxRow<T extends object>(contract: EventContract<T>, data: T, opts: PublishOptions): OutboxRow;
}

/**
 * The outbox row of one event, for a state change written as a single statement that inserts its own
 * outbox row (see {@link UnitOfWork.outboxRow}).
 */
export interface OutboxRow {
  eventId: string;
  eventType: string;
  aggregateId: string;
  /** The stored envelope as JSON text (with the writer's trace context, as {@link writeOutbox} stores it). */
  envelope: string;
}

/** Something that can be told "there is new outbox work" after a commit. */
export interface OutboxWaker {
  wake(): void;
}

/**
 * Runs a state change and its events in one Postgres transaction (the transactional outbox), then
 * wakes the relay so the events leave within milliseconds of the commit.
 */
export class UnitOfWork {
  private waker?: OutboxWaker;
  private readonly commitListeners = new Set<() => void>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly producer: string,
    /** Defaults for correlation of every event in this unit (set by consumers from the incoming event). */
  ) {}

  /** Set by the platform at start: the outbox relay. */
  setWaker(waker: OutboxWaker): void {
    this.waker = waker;
  }

  /**
   * Calls `listener` after every commit of a unit of work that wrote something through this class
   * (including event handlers' inbox transactions), e.g. to wake a dispatcher of rows just written.
   * Returns the function that removes it.
   */
  onCommit(listener: () => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  async run<R>(
    work: (tx: Transaction) => Promise<R>,
    defaults: { correlationId?: string; causationId?: string } = {},
    em?: EntityManager,
    /** With `em`: set to true when the work wrote outbox rows (the caller wakes the relay only then). */
    written?: { outbox: boolean },
  ): Promise<R> {
    let wrote = false;
    const markWrote = () => {
      wrote = true;
      if (written) written.outbox = true;
    };
    const withDefaults = (opts: PublishOptions): PublishOptions => ({
      ...opts,
      correlationId: opts.correlationId ?? defaults.correlationId,
      causationId: opts.causationId ?? defaults.causationId,
    });
    const body = async (manager: EntityManager) => {
      const pending: Envelope<object>[] = [];
      const trace = captureTraceContext();
      const tx: Transaction = {
        em: manager,
        publish: (contract, data, opts) => {
          assertValidPayload(contract, data);
          const env = buildEnvelope(this.producer, contract, data, withDefaults(opts));
          pending.push(env);
          return env;
        },
        outboxRow: (contract, data, opts) => {
          markWrote();
          return this.outboxRow(contract, data, withDefaults(opts));
        },
      };
      const result = await work(tx);
      if (pending.length > 0) {
        await writeOutbox(manager, this.schema, pending, trace);
        markWrote();
      }
      return result;
    };
    // When given an entity manager (an enclosing transaction, e.g. the inbox's), join it; the caller
    // commits and wakes the relay.
    if (em) return body(em);
    const result = await this.dataSource.transaction(body);
    if (wrote) this.waker?.wake();
    this.notifyCommitted();
    return result;
  }

  /**
   * The outbox row of an event for a caller that writes its state change and this row in ONE statement
   * (its own implicit transaction: one round trip, no BEGIN/COMMIT), e.g. intake. The payload is
   * validated against the contract here, as {@link Transaction.publish} does; the statement may only
   * substitute values the database computes (a case number …) that satisfy the same contract. After
   * the statement succeeds, call {@link wake}.
   */
  outboxRow<T extends object>(contract: EventContract<T>, data: T, opts: PublishOptions): OutboxRow {
    assertValidPayload(contract, data);
    const env = buildEnvelope(this.producer, contract, data, opts);
    const trace = captureTraceContext();
    return {
      eventId: env.id,
      eventType: env.type,
      aggregateId: env.aggregateId,
      envelope: JSON.stringify(trace ? { ...env, [OUTBOX_TRACE_KEY]: trace } : env),
    };
  }

  /**
   * Wakes the relay (when the committed work wrote outbox rows: `outbox`) and the commit listeners;
   * used by callers that committed a joined transaction themselves.
   */
  wake(outbox = true): void {
    if (outbox) this.waker?.wake();
    this.notifyCommitted();
  }

  private notifyCommitted(): void {
    for (const listener of this.commitListeners) {
      try {
        listener();
      } catch {
        // a listener's failure must not fail a committed unit of work
      }
    }
  }
}

/**
 * Inserts envelopes into the outbox in one statement, in the order given. The trace context of the
 * writer rides along in the stored row (not in the published body); the relay sends it as headers.
 */
export async function writeOutbox(
  em: EntityManager,
  schema: string,
  envelopes: Envelope<object>[],
  trace?: TraceCarrier,
): Promise<void> {
  const values: unknown[] = [];
  const rows = envelopes.map((e, i) => {
    values.push(e.id, e.type, e.aggregateId, JSON.stringify(trace ? { ...e, [OUTBOX_TRACE_KEY]: trace } : e));
    const b = i * 4;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}::jsonb)`;
  });
  await em.query(
    `INSERT INTO "${schema}".outbox (event_id, event_type, aggregate_id, envelope) VALUES ${rows.join(', ')}`,
    values,
  );
}
