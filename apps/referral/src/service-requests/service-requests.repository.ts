import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRequest } from './service-request.entity.js';

@Injectable()
export class ServiceRequestsRepository {
  async insert(em: EntityManager, request: ServiceRequest): Promise<void> {
    await em.getRepository(ServiceRequest).insert(request);
  }
}
