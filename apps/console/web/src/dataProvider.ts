import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import { api } from './api';

/** Where each react-admin resource lives behind the console's proxy. */
const LISTS: Record<string, string> = {
  queue: '/api/referral/v1/referrals?sort=handoverDueAt&limit=100',
  referrals: '/api/referral/v1/referrals?limit=100',
  myReferrals: '/api/referral/v1/referrals?limit=100',
  organisations: '/api/referral/v1/organisations',
  placements: '/api/shelter/v1/placements',
  facilities: '/api/shelter/v1/facilities',
  claims: '/api/compensation/v1/claims',
  payouts: '/api/compensation/v1/payouts',
  recipients: '/api/notification/v1/recipients',
  deliveries: '/api/notification/v1/deliveries',
};
const ONE: Record<string, string> = {
  queue: '/api/referral/v1/referrals',
  referrals: '/api/referral/v1/referrals',
  placements: '/api/shelter/v1/placements',
  facilities: '/api/shelter/v1/facilities',
  claims: '/api/compensation/v1/claims',
  payouts: '/api/compensation/v1/payouts',
};

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return 1;
  if (b === undefined || b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return JSON.stringify(a).localeCompare(JSON.stringify(b), undefined, { numeric: true });
}

function withQuery(url: string, filter: Record<string, unknown>): string {
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return url;
  const q = new URLSearchParams(entries.map(([k, v]) => [k, String(v)]));
  return `${url}${url.includes('?') ? '&' : '?'}${q.toString()}`;
}

/** Lists are read whole (they are small pages) and sorted and paged here. */
export const dataProvider = {
  async getList(resource: string, params: GetListParams) {
    const url = LISTS[resource];
    if (!url) throw new Error(`unknown resource ${resource}`);
    const body = await api<unknown>(withQuery(url, params.filter ?? {}));
    const raw = (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) as Record<
      string,
      unknown
    >[];
    // Organisations are keyed by their code.
    const rows = raw.map((r) => ({ ...r, id: (r.id ?? r.code) as string })) as RaRecord[];
    const { field, order } = params.sort ?? { field: 'id', order: 'ASC' };
    const sorted =
      resource === 'queue' && field === 'handoverDueAt'
        ? rows
        : [...rows].sort((a, b) => compare(a[field], b[field]) * (order === 'DESC' ? -1 : 1));
    const { page, perPage } = params.pagination ?? { page: 1, perPage: 50 };
    return { data: sorted.slice((page - 1) * perPage, page * perPage), total: sorted.length };
  },
  async getOne(resource: string, params: { id: string | number }) {
    const base = ONE[resource];
    if (!base) throw new Error(`unknown resource ${resource}`);
    return { data: await api<RaRecord>(`${base}/${encodeURIComponent(String(params.id))}`) };
  },
  async getMany(resource: string, params: { ids: (string | number)[] }) {
    const data = await Promise.all(
      params.ids.map((id) => dataProvider.getOne(resource, { id }).then((r) => r.data)),
    );
    return { data };
  },
  async getManyReference() {
    return { data: [], total: 0 };
  },
  async create(): Promise<never> {
    throw new Error('forms call the API directly');
  },
  async update(): Promise<never> {
    throw new Error('forms call the API directly');
  },
  async updateMany(): Promise<never> {
    throw new Error('not supported');
  },
  async delete(): Promise<never> {
    throw new Error('not supported');
  },
  async deleteMany(): Promise<never> {
    throw new Error('not supported');
  },
} as unknown as DataProvider;
