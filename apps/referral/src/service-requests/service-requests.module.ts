import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module.js';
import { VictimsModule } from '../victims/victims.module.js';
import { ServiceRequestsController } from './service-requests.controller.js';
import { ServiceRequestsRepository } from './service-requests.repository.js';
import { ServiceRequestsService } from './service-requests.service.js';

@Module({
  imports: [VictimsModule, ConsentsModule],
  controllers: [ServiceRequestsController],
  providers: [ServiceRequestsService, ServiceRequestsRepository],
})
export class ServiceRequestsModule {}
