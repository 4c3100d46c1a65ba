import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { normaliseIban, isAzerbaijaniIban } from '../payouts/iban.js';

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
