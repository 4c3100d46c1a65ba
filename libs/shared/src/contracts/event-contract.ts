/**
 * A versioned event contract: routing key, schema version and the payload class that validates it.
 * Routing keys are stored in the broker and in outbox rows: they are forever. A breaking change is a
 * new version (a new contract object), never an edit of an existing one.
 */
export interface EventContract<T extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly payload: new () => T;
  /** What this version adds or changes (shown in the AsyncAPI document). */
  readonly description?: string;
}

/** Payload type of a contract. */
export type PayloadOf<C> = C extends EventContract<infer T> ? T : never;

const registry = new Map<string, EventContract>();

/** Declares a contract and registers it so consumers can validate what they receive. */
export function defineEvent<T extends object>(
  type: string,
  version: number,
  payload: new () => T,
  options: { description?: string } = {},
): EventContract<T> {
  const contract: EventContract<T> = Object.freeze({ type, version, payload, ...options });
  registry.set(`${type}@${version}`, contract);
  return contract;
}

/** The contract for a routing key and version, if one is known. */
export function findContract(type: string, version: number): EventContract | undefined {
  return registry.get(`${type}@${version}`);
}

/** Every registered contract (for the AsyncAPI document and topology checks). */
export function allContracts(): EventContract[] {
  return [...registry.values()];
}
