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
          return (
            !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && d.getUTCFullYear() >= 1890
          );
        },
      },
    });
  };
}

/** An ISO 8601 date-time with an explicit offset (`Z` or `+04:00`): a time without one is ambiguous. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-25T09:30:00Z',
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (
            typeof value !== 'string' ||
            !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
          )
            return false;
          // Date.parse rolls 2026-02-30 over to March: check the calendar date itself.
          const day = value.slice(0, 10);
          const asDate = new Date(`${day}T00:00:00Z`);
          return (
            !Number.isNaN(Date.parse(value)) &&
            !Number.isNaN(asDate.getTime()) &&
            asDate.toISOString().slice(0, 10) === day
          );
        },
      },
    });
  };
}
