import { Module } from '@nestjs/common';
import { ConsentsModule } from '../consents/consents.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { RightsModule } from '../rights/rights.module.js';
import { VictimsModule } from '../victims/victims.module.js';
import { ProviderResolver } from './provider.js';
import { ServiceRequestAnswersController, ServiceRequestsController } from './service-requests.controller.js';
import { ServiceRequestsRepository } from './service-requests.repository.js';
import { ServiceRequestsService } from './service-requests.service.js';

@Module({
  imports: [VictimsModule, ConsentsModule, OrganisationsModule, RightsModule],
  controllers: [ServiceRequestsController, ServiceRequestAnswersController],
  providers: [ServiceRequestsService, ServiceRequestsRepository, ProviderResolver],
})
export class ServiceRequestsModule {}
