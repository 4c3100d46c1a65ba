// Types of provision.mjs, for TypeScript callers (tests).
export const SERVICES: string[];
export function roleOf(service: string): string;
export function serviceDatabaseUrl(adminUrl: string, database: string, service: string, password?: string): string;
export function provisionDatabase(opts: { adminUrl: string; database: string; passwords?: Record<string, string> }): Promise<void>;
export function dropDatabase(opts: { adminUrl: string; database: string }): Promise<void>;
export function dropStaleTestDatabases(opts: { adminUrl: string; prefix: string }): Promise<void>;
export function checkPostgres(url: string): Promise<string | null>;
export function checkRabbit(url: string): Promise<string | null>;
export function managementUrl(amqpUrl: string): string;
export function createVhost(amqpUrl: string, vhost: string): Promise<string>;
export function deleteVhost(amqpUrl: string, vhost: string): Promise<void>;
