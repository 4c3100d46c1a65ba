import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Tolerated clock skew between a reporting device and the server. */
const SKEW_MS = 5 * 60_000;

/** The value (ISO 8601 date or date-time) is not in the future. */
export function IsNotFuture(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isNotFuture',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must not be in the future', ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string') return true; // the type check reports it
          const t = Date.parse(value);
          return Number.isNaN(t) || t <= Date.now() + SKEW_MS;
        },
      },
    });
  };
}

/** A real calendar date `YYYY-MM-DD` (rejects 2025-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a date YYYY-MM-DD', ...options },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
          const d = new Date(`${value}T00:00:00Z`);
          return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && d.getUTCFullYear() >= 1890;
        },
      },
    });
  };
}
