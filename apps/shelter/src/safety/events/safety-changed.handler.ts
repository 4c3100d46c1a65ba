import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventConsumer, VictimSafetyChanged } from '#shared';
import { VictimSafetyRepository } from '../victim-safety.repository.js';

/** Consumes `victim.safety.changed`: the risk level placement takes into account. */
@Injectable()
export class SafetyChangedHandler implements OnModuleInit {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly safety: VictimSafetyRepository,
  ) {}

  onModuleInit(): void {
    this.consumer.on(VictimSafetyChanged, (event, tx) =>
      this.safety.record(tx.em, { ...event.data, assessedAt: new Date(event.data.assessedAt) }),
    );
  }
}
