import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER, PlatformLifecycle, UnitOfWork, type Worker } from '#shared';
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
 *   milliseconds (R-4.1: the duty officer is told at once); a poll catches retries and other
 *   instances' work.
 * - Sends run concurrently up to NOTIFY_CONCURRENCY, each bounded by NOTIFY_SEND_TIMEOUT_MS; claims
 *   are fair across recipients and a recipient holds at most NOTIFY_PER_RECIPIENT_CONCURRENCY slots,
 *   so a slow or dead receiver never delays deliveries to others. After consecutive failures its
 *   circuit opens and its deliveries wait (no attempts used up) until a probe succeeds.
 * - At shutdown it stops claiming and finishes (and records) the attempts in flight.
 */
@Injectable()
export class DeliveryDispatcher implements Worker, OnModuleInit {
  readonly name = 'delivery-dispatcher';
  private readonly senders: Map<Channel, ChannelSender>;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private pollTimer?: NodeJS.Timeout;
  private stopListening?: () => void;
  private stopped = true;
  private pumping?: Promise<void>;
  private again = false;

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
    this.senders = new Map(senders.map((s) => [s.channel, s]));
  }

  onModuleInit(): void {
    this.lifecycle.addWorker(this);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    // Woken right after an event's deliveries commit (the inbox transaction of the event handler).
    this.stopListening = this.uow.onCommit(() => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.config.NOTIFY_POLL_MS);
    this.pollTimer.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    clearInterval(this.pollTimer);
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    // A claim round in progress may still launch sends: let it finish, then wait for every send
    // (each is bounded by its timeout, so this ends) so that each attempt is recorded.
    await this.pumping;
    await Promise.allSettled([...this.inFlight.values()]);
    for (const sender of this.senders.values()) sender.close?.();
  }

  /** Asks for a claim round now; rounds never overlap, a wake during one causes another. */
  wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump().finally(() => {
      this.pumping = undefined;
    });
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        const free = this.config.NOTIFY_CONCURRENCY - this.inFlight.size;
        if (free <= 0 || this.stopped) break;
        const leaseMs = this.config.NOTIFY_SEND_TIMEOUT_MS * 2 + 10_000;
        const claimed = await this.deliveries.claimDue(
          free,
          leaseMs,
          this.config.NOTIFY_PER_RECIPIENT_CONCURRENCY,
          this.config.NOTIFY_CIRCUIT_FAILURE_THRESHOLD,
        );
        for (const d of claimed) this.launch(d);
        // A full batch means more may be due.
        if (claimed.length === free) this.again = true;
      } while (this.again && !this.stopped);
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message },
        'dispatcher could not claim deliveries; will retry at the next poll',
      );
    }
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
      if (retryInMs !== undefined && !this.stopped) this.wakeIn(retryInMs);
      // The recipient's circuit opened: its waiting deliveries get one probe when the time is up.
      if (circuitOpenForMs !== undefined && !this.stopped) this.wakeIn(circuitOpenForMs + 5);
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

  private wakeIn(ms: number): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.wake();
    }, ms);
    timer.unref();
    this.retryTimers.add(timer);
  }
}

function aborted(signal: AbortSignal): Promise<SendResult> {
  return new Promise((resolve) => {
    const done = () => resolve({ ok: false, timedOut: true, error: 'timed out' });
    if (signal.aborted) done();
    else signal.addEventListener('abort', done, { once: true });
  });
}
