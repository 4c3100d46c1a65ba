import { Button, Stack, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../api';
import { DataTable, ErrorAlert, FormCard, Page, StatusChip, useAction } from '../common';
import { FormBox, FormGrid, requiredErrors, useForm } from '../forms';

interface PlanItem {
  id: string;
  domain: string;
  goal: string;
  actions: string[];
  responsible: { kind: string; org: string };
  dueOn: string | null;
  status: string;
  victimAgreement: string;
}
interface Plan {
  id: string;
  victimRef: string;
  status: string;
  reviewDueOn: string;
  reviewOverdue: boolean;
  version: number;
  items: PlanItem[];
}

export const PLAN_DOMAINS = [
  'legal_aid',
  'education',
  'psychological',
  'medical',
  'vocational',
  'employment',
  'housing',
];
const AGREEMENTS = ['pending', 'agreed', 'declined'];
const PLANS = '/api/shelter/v1/plans';

const NO_PLAN = {
  victimRef: '',
  reviewDueOn: '',
  domain: 'psychological',
  goal: '',
  action: '',
  kind: 'agency',
  org: '',
  dueOn: '',
  victimAgreement: 'pending',
};

/** A new individual plan with its first measure; more are added to it later. */
function NewPlan({ onDone }: { onDone: () => void }) {
  const translate = useTranslate();
  const form = useForm(NO_PLAN);
  const v = form.values;
  const send = () =>
    form.submit(
      () =>
        requiredErrors(
          v,
          ['victimRef', 'reviewDueOn', 'goal', 'action', 'org'],
          translate('ra.validation.required'),
        ),
      async () => {
        await api(PLANS, {
          method: 'POST',
          body: {
            victimRef: v.victimRef.trim(),
            reviewDueOn: v.reviewDueOn,
            items: [
              {
                domain: v.domain,
                goal: v.goal.trim(),
                actions: [v.action.trim()],
                responsible: { kind: v.kind, org: v.org.trim().toUpperCase() },
                ...(v.dueOn ? { dueOn: v.dueOn } : {}),
                victimAgreement: v.victimAgreement,
              },
            ],
          },
        });
        form.setValues(NO_PLAN);
        onDone();
      },
    );
  const options = (prefix: string, values: string[]): [string, string][] =>
    values.map((x) => [x, translate(`${prefix}.${x}`)]);
  return (
    <FormCard title={translate('plans.new')}>
      <FormBox form={form} onSubmit={send} submitLabel={translate('plans.create')}>
        <FormGrid
          form={form}
          idPrefix="plan-"
          fields={[
            { key: 'victimRef', label: translate('fund.victimRef'), required: true },
            { key: 'reviewDueOn', label: translate('plans.reviewDueOn'), type: 'date', required: true },
            {
              key: 'domain',
              name: 'items.0.domain',
              label: translate('plans.domain'),
              options: options('plans.domains', PLAN_DOMAINS),
            },
            { key: 'goal', name: 'items.0.goal', label: translate('plans.goal'), required: true },
            {
              key: 'action',
              name: 'items.0.actions',
              label: translate('plans.action'),
              required: true,
              md: 6,
            },
            {
              key: 'kind',
              name: 'items.0.responsible.kind',
              label: translate('plans.responsibleKind'),
              options: options('plans.responsibleKinds', ['agency', 'ngo']),
            },
            {
              key: 'org',
              name: 'items.0.responsible.org',
              label: translate('plans.responsibleOrg'),
              required: true,
            },
            { key: 'dueOn', name: 'items.0.dueOn', label: translate('plans.dueOn'), type: 'date' },
            {
              key: 'victimAgreement',
              name: 'items.0.victimAgreement',
              label: translate('plans.agreement'),
              options: options('plans.agreements', AGREEMENTS),
            },
          ]}
        />
      </FormBox>
    </FormCard>
  );
}

/** A measure's status and the victim's word on it; a declined measure is never scheduled. */
function ItemActions({ plan, item, onDone }: { plan: Plan; item: PlanItem; onDone: () => void }) {
  const translate = useTranslate();
  const action = useAction(onDone);
  const change = (patch: Partial<PlanItem>) =>
    action.run(() =>
      api(`${PLANS}/${plan.id}`, {
        method: 'PATCH',
        body: { version: plan.version, items: [{ id: item.id, ...patch }] },
      }),
    );
  const next: Record<string, string> = {
    proposed: 'scheduled',
    scheduled: 'in_progress',
    in_progress: 'done',
  };
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={1}>
      {item.victimAgreement === 'pending' && (
        <>
          <Button size="small" variant="outlined" onClick={() => void change({ victimAgreement: 'agreed' })}>
            {translate('plans.agreed')}
          </Button>
          <Button
            size="small"
            variant="outlined"
            onClick={() => void change({ victimAgreement: 'declined' })}
          >
            {translate('plans.declined')}
          </Button>
        </>
      )}
      {next[item.status] && item.victimAgreement === 'agreed' && (
        <Button size="small" variant="contained" onClick={() => void change({ status: next[item.status] })}>
          {translate(`plans.to.${next[item.status]}`)}
        </Button>
      )}
      <ErrorAlert error={action.error} />
    </Stack>
  );
}

/** Facility staff: the individual plans of the people in their facility, with their measures. */
export function PlansPage() {
  const translate = useTranslate();
  const client = useQueryClient();
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => api<{ items: Plan[] }>(PLANS) });
  const reload = () => void client.invalidateQueries({ queryKey: ['plans'] });
  const rows = (plans.data?.items ?? []).flatMap((p) => p.items.map((item) => ({ plan: p, item })));
  return (
    <Page title={translate('menu.plans')} after={<NewPlan onDone={reload} />}>
      <ErrorAlert error={plans.error} />
      <DataTable
        label={translate('menu.plans')}
        rows={rows}
        rowKey={(r) => r.item.id}
        rowProps={(r) => ({ 'data-testid': 'plan-item', 'data-status': r.item.status })}
        columns={[
          { label: translate('fund.victimRef'), render: (r) => r.plan.victimRef },
          {
            label: translate('plans.reviewDueOn'),
            render: (r) => (
              <Typography variant="body2" sx={{ fontWeight: r.plan.reviewOverdue ? 700 : 400 }}>
                {r.plan.reviewDueOn} {r.plan.reviewOverdue ? `(${translate('plans.reviewOverdue')})` : ''}
              </Typography>
            ),
          },
          {
            label: translate('plans.domain'),
            render: (r) => translate(`plans.domains.${r.item.domain}`, { _: r.item.domain }),
          },
          { label: translate('plans.goal'), render: (r) => r.item.goal },
          { label: translate('plans.responsibleOrg'), render: (r) => r.item.responsible.org },
          { label: translate('plans.dueOn'), render: (r) => r.item.dueOn ?? '' },
          {
            label: translate('plans.agreement'),
            render: (r) => translate(`plans.agreements.${r.item.victimAgreement}`),
          },
          { label: translate('referral.status'), render: (r) => <StatusChip status={r.item.status} /> },
          {
            label: translate('shelter.actions'),
            render: (r) => <ItemActions plan={r.plan} item={r.item} onDone={reload} />,
          },
        ]}
      />
    </Page>
  );
}
