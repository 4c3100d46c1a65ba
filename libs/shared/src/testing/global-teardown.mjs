// Drops this run's database and vhost (kept when NRM_KEEP_TEST_DB=1, for debugging).
import { deleteVhost, dropDatabase } from '../../../../scripts/lib/provision.mjs';
import { PROJECTS } from './global-setup.mjs';

export default async function globalTeardown() {
  if (!process.env.NRM_TEST_RUN_ID || process.env.NRM_TEST_TORN_DOWN) return;
  process.env.NRM_TEST_TORN_DOWN = '1';
  if (process.env.NRM_KEEP_TEST_DB === '1') return;
  await dropDatabase({
    adminUrl: process.env.NRM_TEST_ADMIN_DATABASE_URL,
    database: process.env.NRM_TEST_DATABASE,
  }).catch(() => {});
  await deleteVhost(process.env.NRM_TEST_AMQP_BASE_URL, process.env.NRM_TEST_VHOST).catch(() => {});
  for (const project of PROJECTS) {
    await deleteVhost(process.env.NRM_TEST_AMQP_BASE_URL, `${process.env.NRM_TEST_VHOST}_${project}`).catch(
      () => {},
    );
  }
}
