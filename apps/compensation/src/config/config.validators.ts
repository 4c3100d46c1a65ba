import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { parseKeyRing } from '../payment-data/key-ring.js';
import { normaliseIban, isAzerbaijaniIban } from '../payouts/iban.js';

/** PAYMENT_DATA_KEYS parses and every key is 32 bytes. The message never shows a key. */
@ValidatorConstraint({ name: 'isKeyRing' })
export class IsKeyRing implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      parseKeyRing(value);
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be "kid:base64key[,kid:base64key…]" with 32-byte keys';
  }
}

/** PAYMENT_DATA_ACTIVE_KEY_ID names a key present in PAYMENT_DATA_KEYS. */
@ValidatorConstraint({ name: 'activeKeyInRing' })
export class ActiveKeyInRing implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const ring = (args.object as { PAYMENT_DATA_KEYS?: unknown }).PAYMENT_DATA_KEYS;
    if (typeof value !== 'string' || typeof ring !== 'string') return false;
    try {
      return parseKeyRing(ring).has(value);
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be the id of a key in PAYMENT_DATA_KEYS';
  }
}

/** An Azerbaijani IBAN with a valid checksum. */
@ValidatorConstraint({ name: 'isAzerbaijaniIban' })
export class IsAzerbaijaniIban implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isAzerbaijaniIban(normaliseIban(value));
  }
  defaultMessage(): string {
    return 'must be a valid Azerbaijani IBAN (AZ, 28 characters)';
  }
}
