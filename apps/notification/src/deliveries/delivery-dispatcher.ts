import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PeriodicWorker, PlatformLifecycle, UnitOfWork } from '#shared';
import {
  CHANNEL_SENDERS,
  describeError,
  type ChannelSender,
  type SendResult,
} from '../channels/channel-sender.js';
import type { NotificationConfig } from '../config/notification.config.js';
import { RecipientsService } from '../recipients/recipients.service.js';
import type { Channel } from '../routing/channels.js';
import { DeliveriesRepository, type ClaimedDelivery } from './deliveries.repository.js';
import { DeliveryRecorder } from './delivery-recorder.service.js';

/**
 * Sends due deliveries. State lives in Postgres, so retries survive restarts and several instances
 * share the work (claims use `FOR UPDATE SKIP LOCKED`; a claim is a lease that another instance
 * takes over if this one dies mid-attempt).
 *
 * - Woken in-process right after an event's deliveries commit, so the first attempt follows within
 *   milliseconds (R-4.1: the duty officer is told at once); the worker's poll (NOTIFY_POLL_MS)
 *   catches other instances' work, and a pass is brought forward to the next retry or circuit probe
 *   this instance scheduled.
 * - Sends run concurrently up to NOTIFY_CONCURRENCY, each bounded by NOTIFY_SEND_TIMEOUT_MS; claims
 *   are fair across recipients and a recipient holds at most NOTIFY_PER_RECIPIENT_CONCURRENCY slots,
 *   so a slow or dead receiver never delays deliveries to others. After consecutive failures its
 *   circuit opens and its deliveries wait (no attempts used up) until a probe succeeds.
 * - At shutdown it stops claiming and finishes (and records) the attempts in flight.
 */
@Injectable()
export class DeliveryDispatcher extends PeriodicWorker implements OnModuleInit {
  readonly name = 'delivery-dispatcher';
  private readonly senders: Map<Channel, ChannelSender>;
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopListening?: () => void;
  private claiming = true;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly recorder: DeliveryRecorder,
    private readonly recipients: RecipientsService,
    private readonly lifecycle: PlatformLifecycle,
    private readonly uow: UnitOfWork,
    @Inject(CHANNEL_SENDERS) senders: ChannelSender[],
    @Inject(CONFIG) private readonly config: NotificationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super(logger, 0, config.NOTIFY_POLL_MS);
    this.senders = new Map(senders.map((s) => [s.channel, s]));
  }

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  override start(): void {
    this.claiming = true;
    // Woken right after an event's deliveries commit (the inbox transaction of the event handler).
    this.stopListening ??= this.uow.onCommit(() => this.wake());
    super.start();
  }

  override async stop(): Promise<void> {
    this.claiming = false;
    this.stopListening?.();
    this.stopListening = undefined;
    // A claim round in progress may still launch sends: let it finish, then wait for every send
    // (each is bounded by its timeout, so this ends) so that each attempt is recorded.
    await super.stop();
    await Promise.allSettled([...this.inFlight.values()]);
    for (const sender of this.senders.values()) sender.close?.();
  }

  /** Asks for a claim round now; rounds never overlap, a wake during one causes another. */
  wake(): void {
    this.runSoon(0);
  }

  private wakeIn(ms: number): void {
    if (ms < this.config.NOTIFY_POLL_MS) this.runSoon(ms);
  }

  /** One claim round: as many due deliveries as there are free slots; then the poll interval. */
  protected async runOnce(): Promise<number> {
    const free = this.config.NOTIFY_CONCURRENCY - this.inFlight.size;
    if (free <= 0 || !this.claiming) return this.config.NOTIFY_POLL_MS;
    const leaseMs = this.config.NOTIFY_SEND_TIMEOUT_MS * 2 + 10_000;
    let claimed: ClaimedDelivery[];
    try {
      claimed = await this.deliveries.claimDue(
        free,
        leaseMs,
        this.config.NOTIFY_PER_RECIPIENT_CONCURRENCY,
        this.config.NOTIFY_CIRCUIT_FAILURE_THRESHOLD,
      );
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message },
        'dispatcher could not claim deliveries; will retry at the next poll',
      );
      return this.config.NOTIFY_POLL_MS;
    }
    for (const d of claimed) this.launch(d);
    // A full batch means more may be due.
    return claimed.length === free ? 0 : this.config.NOTIFY_POLL_MS;
  }

  private launch(d: ClaimedDelivery): void {
    const run = this.deliver(d).finally(() => {
      this.inFlight.delete(d.id);
      this.wake(); // a slot is free
    });
    this.inFlight.set(d.id, run);
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const result = await this.attempt(d);
    try {
      const { retryInMs, circuitOpenForMs } = await this.recorder.record(d, startedAt, new Date(), result);
      // A retry or a circuit probe due sooner than the next poll brings a pass forward (the poll
      // catches the later ones, so few requests are kept).
      if (retryInMs !== undefined) this.wakeIn(retryInMs);
      // The recipient's circuit opened: its waiting deliveries get one probe when the time is up.
      if (circuitOpenForMs !== undefined) this.wakeIn(circuitOpenForMs + 5);
    } catch (err) {
      // Not recorded: the lease runs out and the delivery is attempted again (receivers dedupe on
      // the delivery id carried by every channel).
      this.logger.error(
        { deliveryId: d.id, err: (err as Error).message },
        'could not record a delivery attempt',
      );
    }
  }

  private async attempt(d: ClaimedDelivery): Promise<SendResult> {
    const sender = this.senders.get(d.channel);
    if (!sender) return { ok: false, error: `no sender for channel ${d.channel}` };
    const signal = AbortSignal.timeout(this.config.NOTIFY_SEND_TIMEOUT_MS);
    try {
      const destination = await this.recipients.destinationOf(d.recipientId);
      if (!destination) return { ok: false, error: 'recipient no longer exists' };
      const message = {
        deliveryId: d.id,
        eventId: d.eventId,
        eventType: d.eventType,
        occurredAt: d.eventOccurredAt,
        language: d.language,
        subject: d.subject,
        text: d.body,
        variables: d.variables,
      };
      // The race guarantees the slot is freed at the timeout even if a channel ignores the signal.
      return await Promise.race([sender.send(message, destination, signal), aborted(signal)]);
    } catch (err) {
      return describeError(err, signal);
    }
  }
}

function aborted(signal: AbortSignal): Promise<SendResult> {
  return new Promise((resolve) => {
    const done = () => resolve({ ok: false, timedOut: true, error: 'timed out' });
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}
