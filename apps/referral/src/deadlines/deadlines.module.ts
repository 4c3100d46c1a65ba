import { Module } from '@nestjs/common';
import { DeadlineMonitor } from './deadline-monitor.js';
import { DeadlinesRepository } from './deadlines.repository.js';

@Module({ providers: [DeadlineMonitor, DeadlinesRepository], exports: [DeadlineMonitor] })
export class DeadlinesModule {}
