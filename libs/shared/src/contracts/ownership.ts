import { allContracts } from './event-contract.js';

/**
 * Which service owns (alone may publish) each event type, by the type's namespace. The consumers
 * check every envelope's `producer` against it, so a credential that can publish on the bus still
 * cannot forge another service's facts. A new event type needs its namespace here (a test checks
 * that every registered contract has an owner); a service that publishes nothing (reporting) is in
 * no row.
 */
export const EVENT_OWNERS: readonly { readonly prefix: string; readonly producer: string }[] = [
  { prefix: 'referral.', producer: 'referral' },
  { prefix: 'victim.', producer: 'referral' },
  { prefix: 'service.', producer: 'referral' },
  { prefix: 'shelter.', producer: 'shelter' },
  { prefix: 'compensation.', producer: 'compensation' },
  { prefix: 'notification.', producer: 'notification' },
];

/** The service that owns `type`, or undefined if no namespace claims it. */
export function ownerOf(type: string): string | undefined {
  // The longest matching prefix wins, so a narrower row can carve a type out of a namespace.
  let best: { prefix: string; producer: string } | undefined;
  for (const row of EVENT_OWNERS) {
    if (
      (type === row.prefix.slice(0, -1) || type.startsWith(row.prefix)) &&
      row.prefix.length > (best?.prefix.length ?? 0)
    )
      best = row;
  }
  return best?.producer;
}

/** Contract types that no row of {@link EVENT_OWNERS} claims (should be none). */
export function unownedContracts(): string[] {
  return [...new Set(allContracts().map((c) => c.type))].filter((t) => ownerOf(t) === undefined);
}
