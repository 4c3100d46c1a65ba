// Types of dev-oidc.mjs, for TypeScript callers (tests).
export const DEV_API_RESOURCE: string;
export const DEV_CLIENT_ID: string;
export const DEMO_SHELTER_CODE: string;
export const DEMO_CENTRE_CODE: string;
export const DEV_USERS: { username: string; role: string; org: string; name: string }[];
