import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
  Validate,
} from 'class-validator';

const KID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * Parses a key ring `kid:base64key[,kid:base64key…]` (the form every service takes its encryption
 * keys in, so keys can rotate: new values use the active key, old ones name the key that sealed
 * them). Every key must decode to exactly 32 bytes (AES-256). Errors never include key material.
 */
export function parseKeyRing(spec: string): Map<string, Buffer> {
  const ring = new Map<string, Buffer>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(':');
    const kid = part.slice(0, idx);
    if (idx <= 0 || !KID.test(kid))
      throw new Error('key ring entry is not kid:base64key with a kid of 1–32 [A-Za-z0-9_-]');
    const b64 = part.slice(idx + 1);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(b64)) throw new Error(`key ${kid} is not base64`);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32) throw new Error(`key ${kid} must be 32 bytes`);
    if (ring.has(kid)) throw new Error(`key ${kid} is listed twice`);
    ring.set(kid, key);
  }
  if (ring.size === 0) throw new Error('key ring is empty');
  return ring;
}

@ValidatorConstraint({ name: 'isKeyRing' })
class IsKeyRingConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      parseKeyRing(value);
      return true;
    } catch {
      return false;
    }
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be "kid:base64key[,kid:base64key…]" with 32-byte keys`;
  }
}

@ValidatorConstraint({ name: 'isActiveKeyOf' })
class IsActiveKeyOfConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const ring = (args.object as Record<string, unknown>)[args.constraints[0] as string];
    if (typeof value !== 'string' || typeof ring !== 'string') return false;
    try {
      return parseKeyRing(ring).has(value);
    } catch {
      return false;
    }
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be the id of a key in ${String(args.constraints[0])}`;
  }
}

/** Config decorator: the variable is a key ring (see {@link parseKeyRing}); the message never shows a key. */
export const IsKeyRing = (): PropertyDecorator => Validate(IsKeyRingConstraint);

/** Config decorator: the variable names a key of the key ring held in `ringProperty`. */
export const IsActiveKeyOf = (ringProperty: string): PropertyDecorator =>
  Validate(IsActiveKeyOfConstraint, [ringProperty]);
