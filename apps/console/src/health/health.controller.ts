import { Controller, Get } from '@nestjs/common';

/** Liveness and readiness of the console process (the services have their own). */
@Controller('health')
export class HealthController {
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  ready(): { status: string } {
    return { status: 'ok' };
  }
}
