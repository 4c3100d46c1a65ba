import {
  Controller,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Matches } from 'class-validator';
import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { tap, type Observable } from 'rxjs';
import {
  REASON_HEADER,
  ShelterAdmissionRequested,
  ShelterDeclined,
  ShelterDischarged,
  ShelterDischargedV1,
  buildEnvelope,
  type EventContext,
} from '#shared';
import { deliverEvents, eventually, isolatedSchema, isolatedVhost } from '#shared/testing';
import { startSampleApp } from '../support/sample-app.js';

/** What the interceptor and the handler saw, in order. */
const seen: string[] = [];

/** A global interceptor (APP_INTERCEPTOR): it must wrap event handlers as it wraps routes. */
@Injectable()
class RecordingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const id = context.switchToRpc().getContext<EventContext>().envelope.id;
    seen.push(`before ${id}`);
    return next.handle().pipe(tap(() => seen.push(`after ${id}`)));
  }
}

/** Stricter than the contract, so only the app's global validation pipe can refuse what it refuses. */
class OwnFacilityDischarged extends ShelterDischargedV1 {
  @Matches(/^SH-OK-/) declare facilityCode: string;
}

@Controller()
class ProbeHandler {
  @EventPattern<string>(ShelterDischarged.type)
  onDischarged(@Payload() data: OwnFacilityDischarged, @Ctx() ctx: EventContext): void {
    // transform: true turns the payload into the declared class: the pipe ran on it.
    seen.push(
      `handled ${ctx.envelope.id} ${data instanceof OwnFacilityDischarged ? 'as class' : 'as plain'}`,
    );
  }

  @EventPattern<string>(ShelterAdmissionRequested.type)
  onAdmission(): void {}

  @EventPattern<string>(ShelterDeclined.type)
  onDeclined(): void {}
}

/**
 * The event transport is connected with `inheritAppConfig: true`: the app's global validation pipe
 * (createServiceApp's `useGlobalPipes`) and global interceptors run on `@EventPattern` handlers, and a
 * payload the pipe refuses is parked as rejected, never retried.
 */
describe('Nest enhancers on event handlers (a tiny app on the real broker)', () => {
  let schema: Awaited<ReturnType<typeof isolatedSchema>>;
  let vhost: Awaited<ReturnType<typeof isolatedVhost>>;
  let app: Awaited<ReturnType<typeof startSampleApp>>;

  beforeAll(async () => {
    schema = await isolatedSchema();
    vhost = await isolatedVhost();
    app = await startSampleApp({
      schema: schema.schema,
      databaseUrl: schema.url,
      amqpUrl: vhost.url,
      service: 'referral',
      controllers: [ProbeHandler],
      providers: [{ provide: APP_INTERCEPTOR, useClass: RecordingInterceptor }],
    });
  });
  afterAll(async () => {
    await app?.app.close();
    await schema?.drop();
    await vhost?.drop();
  });

  const withQueue = async <T>(fn: (ch: import('amqplib').Channel) => Promise<T>): Promise<T> => {
    const conn = await connect(vhost.url);
    try {
      const ch = await conn.createChannel();
      ch.on('error', () => undefined); // a queue not declared yet closes the channel: asked again
      return await fn(ch);
    } finally {
      await conn.close();
    }
  };
  const discharged = (facilityCode: string) =>
    buildEnvelope(
      'shelter',
      ShelterDischarged,
      {
        placementId: randomUUID(),
        facilityId: randomUUID(),
        facilityCode,
        victimRef: 'V-ENHANCERS01',
        caseNumber: 'NRM-2026-000001',
        at: new Date().toISOString(),
      },
      { aggregateId: randomUUID() },
    );

  it('runs the global interceptor around the handler and the global validation pipe on its payload', async () => {
    await eventually(async () =>
      expect((await withQueue((ch) => ch.checkQueue('referral.events'))).consumerCount).toBe(1),
    );
    const ok = discharged('SH-OK-1');
    await deliverEvents(vhost.url, [{ envelope: ok }]);
    await eventually(() => expect(seen).toContain(`after ${ok.id}`));
    expect(seen.filter((s) => s.includes(ok.id))).toEqual([
      `before ${ok.id}`,
      `handled ${ok.id} as class`,
      `after ${ok.id}`,
    ]);
  });

  it('parks, as rejected, a payload the global pipe refuses (valid by the contract), without calling the handler', async () => {
    const bad = discharged('SH-ELSEWHERE');
    await deliverEvents(vhost.url, [{ envelope: bad }]);
    const parked = await eventually(async () => {
      const msg = await withQueue(async (ch) => ch.get('referral.events.dlq', { noAck: true }));
      if (!msg) throw new Error('nothing parked yet');
      return msg;
    });
    expect(parked.properties.messageId).toBe(bad.id);
    expect(String(parked.properties.headers?.[REASON_HEADER])).toMatch(/^rejected: .*facilityCode/);
    expect(seen.filter((s) => s.startsWith('handled') && s.includes(bad.id))).toEqual([]);
  });
});
