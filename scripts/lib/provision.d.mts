// Types of provision.mjs, for TypeScript callers (tests).
export const SERVICES: string[];
export const DATABASE_SCHEMAS: string[];
export function roleOf(service: string): string;
export function serviceDatabaseUrl(
  adminUrl: string,
  database: string,
  service: string,
  password?: string,
): string;
export function ownerRoleOf(service: string): string;
export function ownerDatabaseUrl(
  adminUrl: string,
  database: string,
  service: string,
  password?: string,
): string;
export function provisionDatabase(opts: {
  adminUrl: string;
  database: string;
  passwords?: Record<string, string>;
  ownerPasswords?: Record<string, string>;
}): Promise<void>;
export const PUBLISHES: Record<string, string[]>;
export function brokerUserOf(service: string): string;
export function brokerPermissions(service: string): {
  configure: string;
  write: string;
  read: string;
  topic: { exchange: string; write: string; read: string };
};
export function serviceAmqpUrl(amqpUrl: string, service: string, password?: string): string;
export function provisionBrokerUsers(opts: {
  amqpUrl: string;
  vhost: string;
  passwords?: Record<string, string>;
  services?: string[];
  userSuffix?: string;
}): Promise<Record<string, string>>;
export function deleteBrokerUsers(opts: {
  amqpUrl: string;
  userSuffix: string;
  services?: string[];
}): Promise<void>;
export function dropDatabase(opts: { adminUrl: string; database: string }): Promise<void>;
export function dropStaleTestDatabases(opts: { adminUrl: string; prefix: string }): Promise<void>;
export function checkPostgres(url: string): Promise<string | null>;
export function checkRabbit(url: string): Promise<string | null>;
export function managementUrl(amqpUrl: string): string;
export function createVhost(amqpUrl: string, vhost: string): Promise<string>;
export function deleteVhost(amqpUrl: string, vhost: string): Promise<void>;
