import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuthController } from './auth/auth.controller.js';
import { OidcClient } from './auth/oidc.client.js';
import type { ConsoleConfig } from './config/console.config.js';
import { HealthController } from './health/health.controller.js';
import { SessionStore } from './session/session.store.js';
import { CONSOLE_CONFIG, CONSOLE_LOGGER } from './tokens.js';

@Module({})
export class ConsoleModule {
  static register(config: ConsoleConfig, logger: Logger, sessions: SessionStore): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [AuthController, HealthController],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: config },
        { provide: CONSOLE_LOGGER, useValue: logger },
        { provide: SessionStore, useValue: sessions },
        { provide: OidcClient, useValue: new OidcClient(config) },
      ],
    };
  }
}
