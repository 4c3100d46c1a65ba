import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { QueryClient } from '@tanstack/react-query';
import { type ReactElement } from 'react';
import { Admin, CustomRoutes, Resource, Title, usePermissions, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { ConsoleLayout } from './screens/Layout';
import { LoginPage } from './screens/Login';
import { ReferralCase } from './screens/duty/Case';
import { DutyQueue } from './screens/duty/Queue';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/** Each role's screens (menu entries), first one is its home. */
export const SCREENS: Record<string, string[]> = {
  agency_officer: ['report', 'myReferrals'],
  police_duty_officer: ['queue'],
  facility_staff: ['placements'],
  fund_officer: ['claims', 'payouts', 'batches'],
  fund_approver: ['payouts', 'claims', 'batches'],
  coordinator: ['statistics'],
  operator: ['health', 'parked', 'deliveries'],
  admin: ['roster', 'facilities', 'recipients', 'organisations'],
};

/** A signed-in user's start page: their screens. */
function Home() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const screens = SCREENS[permissions ?? ''] ?? [];
  return (
    <Box sx={{ p: 2 }}>
      <Title title={translate('app.title')} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
            {permissions ? translate(`roles.${permissions}`) : ''}
          </Typography>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            {screens.map((s) => (
              <Button key={s} variant="outlined" href={`#/${s}`}>
                {translate(`menu.${s}`)}
              </Button>
            ))}
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}

function NoAccess() {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 2 }} role="alert">
      {translate('app.noAccess')}
    </Box>
  );
}

function resourcesFor(role: string | undefined): ReactElement[] {
  const out: ReactElement[] = [];
  if (role === 'police_duty_officer')
    out.push(
      <Resource
        key="queue"
        name="queue"
        list={DutyQueue}
        show={ReferralCase}
        options={{ label: 'menu.queue' }}
      />,
    );
  return out;
}

export function App() {
  return (
    <Admin
      authProvider={authProvider}
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      queryClient={queryClient}
      loginPage={LoginPage}
      layout={ConsoleLayout}
      dashboard={Home}
      title="NRM"
      requireAuth
      disableTelemetry
    >
      {(permissions: string | undefined) => [
        ...resourcesFor(permissions),
        <CustomRoutes key="routes">
          <Route path="/no-access" element={<NoAccess />} />
        </CustomRoutes>,
      ]}
    </Admin>
  );
}
