import { defineErrorCodes } from '#shared';

export type VictimErrorCode = 'access-purpose-required' | 'personal-data-erased';
export const victimErrors = defineErrorCodes<VictimErrorCode>({
  'access-purpose-required': { status: 400, title: 'A purpose is required to read personal data' },
  // after the retention period from closing, the victim's personal data no longer exists.
  'personal-data-erased': { status: 410, title: "The victim's personal data was erased" },
});

/** once erased, nothing of a victim's personal data can be read or written again (410). */
export function assertNotErased(victim: { erasedAt: Date | null }): void {
  // @clause a victim whose personal data was erased answers 410 personal-data-erased
  if (victim.erasedAt !== null)
    throw victimErrors.error(
      'personal-data-erased',
      "The victim's personal data was erased after the retention period",
    );
}
