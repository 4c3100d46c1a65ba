import {
  Body,
  Controller,
  Get,
  Module,
  Post,
  Query,
  type DynamicModule,
  type Provider,
  type Type as ClassType,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsIn, IsInt, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Writable } from 'node:stream';
import {
  BaseConfig,
  CurrentUser,
  PlatformLifecycle,
  PlatformModule,
  RateLimit,
  Roles,
  createLogger,
  createMessagingTables,
  createServiceApp,
  loadConfig,
  type ConsumerName,
  type Principal,
} from '#shared';
import { testEnv } from '#shared/testing';

class Inner {
  @IsString() @Length(2, 2) country!: string;
}

class SampleDto {
  @IsString() @Length(1, 50) name!: string;
  @IsInt() @Min(0) count!: number;
  @IsIn(['a', 'b']) kind!: 'a' | 'b';
  @ValidateNested() @Type(() => Inner) inner!: Inner;
}

@Controller('v1/samples')
class SampleController {
  @Roles('admin')
  @RateLimit('samples')
  @Post()
  create(@Body() dto: SampleDto, @CurrentUser() user: Principal) {
    return { ok: true, by: user.sub, count: dto.count };
  }

  constructor(private readonly dataSource: DataSource) {}

  /** A bug: the caller's input reaches a query that fails in the driver (an unexpected error, 500). */
  @Roles('admin')
  @Get('broken')
  async broken(@Query('q') q: string) {
    return this.dataSource.query('SELECT $1::uuid AS id', [q]);
  }

  /** A /v1 route that forgot to declare roles: refused to everyone (deny by default). */
  @Get('unguarded')
  unguarded() {
    return { leaked: true };
  }
}

/** A minimal service on a private schema, to test what the platform adds to every service. */
export async function startSampleApp(opts: {
  schema: string;
  databaseUrl: string;
  amqpUrl: string;
  env?: Record<string, string>;
  /** Which service it plays (default compensation, which consumes nothing). */
  service?: ConsumerName;
  /** More controllers (e.g. `@EventPattern` handlers) and providers of the sample module. */
  controllers?: ClassType<unknown>[];
  providers?: Provider[];
}) {
  const schema = opts.schema;
  class CreateTables1764100000000 implements MigrationInterface {
    name = 'CreateTables1764100000000';
    async up(q: QueryRunner) {
      await createMessagingTables(q, schema);
    }
    async down() {}
  }
  const env = testEnv();
  const config = loadConfig(BaseConfig, {
    PORT: '1',
    DATABASE_URL: opts.databaseUrl,
    AMQP_URL: opts.amqpUrl,
    JWT_PUBLIC_KEY: env.jwtPublicKey,
    DOCS_UI: 'false',
    BODY_LIMIT_BYTES: '2048',
    RATE_LIMIT_PER_MINUTE: '20',
    ...opts.env,
  });
  const logs: string[] = [];
  const logger = createLogger(
    'sample',
    'info',
    new Writable({ write: (c: Buffer, _e, cb) => (logs.push(c.toString()), cb()) }),
  );
  @Module({ controllers: [SampleController] })
  class SampleModule {
    static register(): DynamicModule {
      return {
        module: SampleModule,
        controllers: opts.controllers ?? [],
        providers: opts.providers ?? [],
        imports: [
          PlatformModule.forService({
            service: opts.service ?? 'compensation',
            config,
            logger,
            database: { schema, entities: [], migrations: [CreateTables1764100000000] },
          }),
        ],
      };
    }
  }
  const app = await createServiceApp({
    service: 'sample',
    title: 'Sample',
    description: 'test',
    config,
    logger,
    module: SampleModule.register(),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  await app.get(PlatformLifecycle).whenDatabaseReady();
  return { app, url: `http://127.0.0.1:${port}`, logs };
}
