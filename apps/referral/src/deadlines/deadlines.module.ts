import { Module } from '@nestjs/common';
import { DeadlineGauge } from './deadline-gauge.js';
import { DeadlineMonitor } from './deadline-monitor.js';
import { DeadlinesRepository } from './deadlines.repository.js';

@Module({ providers: [DeadlineMonitor, DeadlinesRepository, DeadlineGauge], exports: [DeadlineMonitor] })
export class DeadlinesModule {}
