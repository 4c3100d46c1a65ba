import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Title, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { ApiError } from '../api';
import { formatDateTime, formatDuration, formatMoney } from '../format';

/** The current time, ticking every second (for countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const SIX_HOURS = 6 * 3_600_000;
const AMBER = '#8a5a00';
const AMBER_BG = '#fff3cd';
const RED = '#b71c1c';
const RED_BG = '#ffebee';

/**
 * Live countdown to a handover deadline: amber under 6 hours, red once overdue. The state is also
 * written out (never colour alone).
 */
export function Countdown({ due, done }: { due: string; done?: boolean }) {
  const translate = useTranslate();
  const now = useNow();
  if (done) return <span>{translate('referral.done')}</span>;
  const left = new Date(due).getTime() - now;
  const overdue = left <= 0;
  const soon = !overdue && left < SIX_HOURS;
  const text = overdue
    ? translate('referral.overdueBy', { time: formatDuration(left) })
    : translate('referral.left', { time: formatDuration(left) });
  return (
    <Box
      component="span"
      data-testid="countdown"
      data-state={overdue ? 'overdue' : soon ? 'soon' : 'ok'}
      sx={{
        fontVariantNumeric: 'tabular-nums',
        fontWeight: overdue || soon ? 700 : 400,
        color: overdue ? RED : soon ? AMBER : 'inherit',
        bgcolor: overdue ? RED_BG : soon ? AMBER_BG : 'transparent',
        px: overdue || soon ? 0.75 : 0,
        borderRadius: 1,
        whiteSpace: 'nowrap',
      }}
    >
      {text}
      {soon ? ` (${translate('referral.dueSoon')})` : ''}
    </Box>
  );
}

export function CountdownField(_: { label?: string }) {
  const record = useRecordContext<{ handoverDueAt: string; status: string }>();
  if (!record) return null;
  return (
    <Countdown due={record.handoverDueAt} done={!['reported', 'handover_pending'].includes(record.status)} />
  );
}

export function StatusChip({ status }: { status: string }) {
  const translate = useTranslate();
  return <Chip size="small" label={translate(`status.${status}`, { _: status })} />;
}

export function StatusField({ source = 'status' }: { source?: string; label?: string }) {
  const record = useRecordContext();
  if (!record) return null;
  return <StatusChip status={String(record[source])} />;
}

export function DateTimeField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <span>{formatDateTime(record[source] as string, locale)}</span>;
}

export function MoneyField({ source }: { source: string; label?: string }) {
  const record = useRecordContext();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(record[source] as number, locale)}
    </span>
  );
}

export function Money({ minor }: { minor: number | undefined }) {
  const [locale] = useLocaleState();
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(minor, locale)}
    </span>
  );
}

export function When({ at }: { at: string | undefined }) {
  const [locale] = useLocaleState();
  return <span>{formatDateTime(at, locale)}</span>;
}

/** A problem from the API, as a message (field problems are shown next to their fields). */
export function ErrorAlert({ error }: { error: unknown }) {
  const translate = useTranslate();
  if (!error) return null;
  const message =
    error instanceof ApiError
      ? `${error.title}${error.detail ? `: ${error.detail}` : ''}`
      : error instanceof Error
        ? error.message
        : JSON.stringify(error);
  return (
    <Alert severity="error" role="alert" sx={{ my: 1 }}>
      {translate('app.error', { message })}
    </Alert>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ my: 2 }}>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Label–value pairs that wrap on a phone. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <Box
      component="dl"
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' },
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      {items.map(([k, v]) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ fontWeight: 600 }}>
            {k}
          </Box>
          <Box component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 } }}>
            {v}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** A labelled select (the label is tied to the field for screen readers). */
export function Choice({
  id,
  label,
  value,
  onChange,
  options,
  minWidth = 220,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
  minWidth?: number;
}) {
  return (
    <FormControl size="small" sx={{ minWidth }}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, text]) => (
          <MenuItem key={v} value={v}>
            {text}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** A screen: its title (also the document's), one card with a heading, and what follows the card. */
export function Page({ title, children, after }: { title: string; children: ReactNode; after?: ReactNode }) {
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
            {title}
          </Typography>
          {children}
        </CardContent>
      </Card>
      {after}
    </Box>
  );
}

/** A titled card below a screen's list (a form to add to it, say). */
export function FormCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card sx={{ m: 1 }}>
      <CardContent>
        <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** A column of a `DataTable`: its heading and what a row shows in it. */
export interface Column<T> {
  label: string;
  render: (row: T) => ReactNode;
}

/**
 * A plain table that scrolls sideways on a phone; named for screen readers by `label`. `rowProps`
 * adds attributes to a row (test ids, state). Says so when there are no rows.
 */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowProps,
  testId,
}: {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
  testId?: string;
}) {
  const translate = useTranslate();
  return (
    <Box sx={{ overflowX: 'auto', my: 1 }} data-testid={testId}>
      <Table size="small" aria-label={label}>
        <TableHead>
          <TableRow>
            {columns.map((c) => (
              <TableCell key={c.label}>{c.label}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c) => (
                <TableCell key={c.label}>{c.render(row)}</TableCell>
              ))}
            </TableRow>
          ))}
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length}>{translate('app.none')}</TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * A button's call to the API: `run(fn)` clears the last error, awaits `fn`, then `onDone`; a failure
 * is kept in `error` for an `ErrorAlert`.
 */
export function useAction(onDone?: () => unknown) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    setBusy(true);
    try {
      await fn();
      await onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
