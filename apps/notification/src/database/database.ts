import type { DatabaseDefinition } from '#shared';
import { VictimDisclosure } from '../disclosure/victim-disclosure.entity.js';
import { DeliveryAttempt } from '../deliveries/delivery-attempt.entity.js';
import { Delivery } from '../deliveries/delivery.entity.js';
import { RecipientCircuit } from '../recipients/recipient-circuit.entity.js';
import { Recipient } from '../recipients/recipient.entity.js';
import { CreateMessagingTables1764100000000 } from './migrations/1764100000000-CreateMessagingTables.js';
import { CreateNotificationTables1764200000000 } from './migrations/1764200000000-CreateNotificationTables.js';
import { AddDeliveryRedrive1764200001000 } from './migrations/1764200001000-AddDeliveryRedrive.js';
import { AddFairDelivery1796228634008 } from './migrations/1796228634008-AddFairDelivery.js';
import { CreateVictimDisclosures1796230237093 } from './migrations/1796230237093-CreateVictimDisclosures.js';

/** The notification schema: entities and migrations, listed as classes (TypeORM 1.x). */
export const notificationDatabase: DatabaseDefinition = {
  schema: 'notification',
  entities: [Recipient, RecipientCircuit, Delivery, DeliveryAttempt, VictimDisclosure],
  migrations: [
    CreateMessagingTables1764100000000,
    CreateNotificationTables1764200000000,
    AddDeliveryRedrive1764200001000,
    AddFairDelivery1796228634008,
    CreateVictimDisclosures1796230237093,
  ],
};
