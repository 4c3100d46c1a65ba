import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { parseKeyRing } from '../common/secret-box.js';

/** RECIPIENT_SECRET_KEYS parses and every key is 32 bytes. The message never shows a key. */
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

/** RECIPIENT_SECRET_ACTIVE_KEY_ID names a key of RECIPIENT_SECRET_KEYS. */
@ValidatorConstraint({ name: 'activeKeyInRing' })
export class ActiveKeyInRing implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const ring = (args.object as { RECIPIENT_SECRET_KEYS?: unknown }).RECIPIENT_SECRET_KEYS;
    if (typeof value !== 'string' || typeof ring !== 'string') return false;
    try {
      return parseKeyRing(ring).has(value);
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be the id of a key in RECIPIENT_SECRET_KEYS';
  }
}
