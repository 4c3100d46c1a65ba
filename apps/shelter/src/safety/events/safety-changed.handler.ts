import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventContext, VictimSafetyChanged, VictimSafetyChangedV1 } from '#shared';
import { VictimSafetyRepository } from '../victim-safety.repository.js';

/** Consumes `victim.safety.changed`: the risk level placement takes into account. */
@Controller()
export class SafetyChangedHandler {
  constructor(private readonly safety: VictimSafetyRepository) {}

  @EventPattern<string>(VictimSafetyChanged.type)
  async onSafetyChanged(@Payload() data: VictimSafetyChangedV1, @Ctx() ctx: EventContext): Promise<void> {
    await this.safety.record(ctx.tx.em, {
      ...data,
      assessedAt: new Date(data.assessedAt),
      eventId: ctx.envelope.id,
    });
  }
}
