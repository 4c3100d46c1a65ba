import {
  Box,
  Card,
  CardContent,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useTranslate } from 'react-admin';
import { api, ApiError } from '../../api';
import { Choice, ErrorAlert } from '../common';
import { Bars } from './Chart';

interface PublishedTable {
  id: string;
  title: string;
  columns: string[];
  rows: { label: string; values: (number | null)[]; total: number | null }[];
}
interface AnnualReport {
  year: number;
  minCell: number;
  sections: { id: string; title: string; tables: PublishedTable[] }[];
}
interface ReferralStatistics {
  year: number;
  total: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  deadlineBreached: number;
  handedOverLate: number;
  likelyDuplicates: number;
}
type Stats =
  { source: 'reporting'; report: AnnualReport } | { source: 'referral'; stats: ReferralStatistics };

/** The annual report of the reporting service, or the referral service's counts where it is not running. */
async function load(year: number): Promise<Stats> {
  try {
    return {
      source: 'reporting',
      report: await api<AnnualReport>(`/api/reporting/v1/reports/annual?year=${year}`),
    };
  } catch (err) {
    if (!(err instanceof ApiError) || ![404, 503].includes(err.status)) throw err;
    return {
      source: 'referral',
      stats: await api<ReferralStatistics>(`/api/referral/v1/statistics/referrals?year=${year}`),
    };
  }
}

function FigureTable({
  title,
  rows,
  suppressed,
}: {
  title: string;
  rows: [string, number | null][];
  suppressed: string;
}) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={title}>
      <TableHead>
        <TableRow>
          <TableCell>{title}</TableCell>
          <TableCell align="right">{translate('stats.count')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell>{label}</TableCell>
            <TableCell align="right">{value ?? suppressed}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Figure({
  title,
  rows,
  suppressed,
}: {
  title: string;
  rows: [string, number | null][];
  suppressed: string;
}) {
  return (
    <Grid size={{ xs: 12, md: 6 }}>
      <Card variant="outlined">
        <CardContent>
          <Typography component="h2" variant="h6">
            {title}
          </Typography>
          <Bars title={title} labels={rows.map((r) => r[0])} values={rows.map((r) => r[1])} />
          <FigureTable title={title} rows={rows} suppressed={suppressed} />
        </CardContent>
      </Card>
    </Grid>
  );
}

/** The National Coordinator's statistics of a year: aggregates only, as charts and tables. */
export function StatisticsPage() {
  const translate = useTranslate();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const data = useQuery({ queryKey: ['stats', year], queryFn: () => load(year) });
  const figures: { title: string; rows: [string, number | null][] }[] = [];
  let suppressed = '';
  if (data.data?.source === 'reporting') {
    const r = data.data.report;
    suppressed = translate('stats.suppressed', { k: r.minCell });
    for (const s of r.sections)
      for (const t of s.tables)
        figures.push({ title: `${s.title}: ${t.title}`, rows: t.rows.map((row) => [row.label, row.total]) });
  } else if (data.data?.source === 'referral') {
    const s = data.data.stats;
    figures.push({
      title: translate('stats.byStatus'),
      rows: Object.entries(s.byStatus).map(([k, n]) => [translate(`status.${k}`, { _: k }), n]),
    });
    figures.push({
      title: translate('stats.byKind'),
      rows: Object.entries(s.byKind).map(([k, n]) => [translate(`referral.kinds.${k}`, { _: k }), n]),
    });
    figures.push({
      title: translate('stats.deadlines'),
      rows: [
        [translate('stats.total'), s.total],
        [translate('stats.breached'), s.deadlineBreached],
        [translate('stats.late'), s.handedOverLate],
        [translate('stats.duplicates'), s.likelyDuplicates],
      ],
    });
  }
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate('menu.statistics')} />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
            {translate('stats.title', { year })}
          </Typography>
          <Choice
            id="year"
            label={translate('stats.year')}
            value={String(year)}
            onChange={(y) => setYear(Number(y))}
            minWidth={140}
            options={[0, 1, 2, 3].map((d) => [String(thisYear - d), String(thisYear - d)])}
          />
          {data.data && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {translate('stats.source', {
                source:
                  data.data.source === 'reporting'
                    ? translate('stats.fromReporting')
                    : translate('stats.fromReferral'),
              })}
            </Typography>
          )}
          <ErrorAlert error={data.error} />
        </CardContent>
      </Card>
      <Grid container spacing={2} data-testid="statistics">
        {figures.map((f) => (
          <Figure key={f.title} title={f.title} rows={f.rows} suppressed={suppressed} />
        ))}
      </Grid>
    </Box>
  );
}
