import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { QueryClient } from '@tanstack/react-query';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import ApartmentIcon from '@mui/icons-material/Apartment';
import AssignmentIcon from '@mui/icons-material/Assignment';
import MedicalServicesIcon from '@mui/icons-material/MedicalServices';
import SchoolIcon from '@mui/icons-material/School';
import BadgeIcon from '@mui/icons-material/Badge';
import BarChartIcon from '@mui/icons-material/BarChart';
import BedIcon from '@mui/icons-material/Bed';
import GavelIcon from '@mui/icons-material/Gavel';
import InboxIcon from '@mui/icons-material/Inbox';
import ListIcon from '@mui/icons-material/List';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import PaymentsIcon from '@mui/icons-material/Payments';
import SendIcon from '@mui/icons-material/Send';
import TimerIcon from '@mui/icons-material/Timer';
import { type ComponentType, type ReactElement } from 'react';
import {
  Admin,
  CustomRoutes,
  Resource,
  Title,
  usePermissions,
  useTranslate,
  type ResourceProps,
} from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n';
import { ConsoleLayout } from './screens/Layout';
import { LoginPage } from './screens/Login';
import { FacilitiesPage, OrganisationsPage, RecipientsPage, RosterPage } from './screens/admin/Admin';
import { MyReferrals } from './screens/agency/MyReferrals';
import { ReportForm } from './screens/agency/Report';
import { StatisticsPage } from './screens/coordinator/Statistics';
import { ReferralCase } from './screens/duty/Case';
import { DutyQueue } from './screens/duty/Queue';
import { BatchesPage } from './screens/fund/Batches';
import { ClaimsPage } from './screens/fund/Claims';
import { PayoutsPage } from './screens/fund/Payouts';
import { DeliveriesPage, HealthPage, ParkedPage } from './screens/operator/Operations';
import { ServiceRequestsPage } from './screens/provider/ServiceRequests';
import { Placements } from './screens/shelter/Placements';
import { PlansPage } from './screens/shelter/Plans';
import { TrainingPage } from './screens/shelter/Training';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

/** Each role's screens (menu entries), first one is its home. */
export const SCREENS: Record<string, string[]> = {
  agency_officer: ['report', 'myReferrals'],
  police_duty_officer: ['queue'],
  facility_staff: ['placements', 'plans', 'training'],
  service_provider: ['serviceRequests'],
  fund_officer: ['claims', 'payouts', 'batches'],
  fund_approver: ['payouts', 'claims', 'batches'],
  coordinator: ['statistics'],
  operator: ['health', 'parked', 'deliveries'],
  admin: ['roster', 'facilities', 'recipients', 'organisations', 'health'],
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

/** The screens of one role; any other role's screens do not exist for it (and its API calls are refused). */
function resourcesFor(role: string | undefined): ReactElement[] {
  const r = (name: string, list: ComponentType, extra: Partial<ResourceProps> = {}) => (
    <Resource key={name} name={name} list={list} options={{ label: `menu.${name}` }} {...extra} />
  );
  switch (role ?? '') {
    case 'agency_officer':
      return [
        r('report', ReportForm, { icon: NoteAddIcon }),
        r('myReferrals', MyReferrals, { icon: ListIcon }),
      ];
    case 'police_duty_officer':
      return [r('queue', DutyQueue, { show: ReferralCase, icon: TimerIcon })];
    case 'facility_staff':
      return [
        r('placements', Placements, { icon: BedIcon }),
        r('plans', PlansPage, { icon: AssignmentIcon }),
        r('training', TrainingPage, { icon: SchoolIcon }),
      ];
    case 'service_provider':
      return [r('serviceRequests', ServiceRequestsPage, { icon: MedicalServicesIcon })];
    case 'fund_officer':
    case 'fund_approver':
      return [
        r('claims', ClaimsPage, { icon: GavelIcon }),
        r('payouts', PayoutsPage, { icon: PaymentsIcon }),
        r('batches', BatchesPage, { icon: AccountBalanceIcon }),
      ];
    case 'coordinator':
      return [r('statistics', StatisticsPage, { icon: BarChartIcon })];
    case 'operator':
      return [
        r('health', HealthPage, { icon: MonitorHeartIcon }),
        r('parked', ParkedPage, { icon: InboxIcon }),
        r('deliveries', DeliveriesPage, { icon: SendIcon }),
      ];
    case 'admin':
      return [
        r('roster', RosterPage, { icon: BadgeIcon }),
        r('facilities', FacilitiesPage, { icon: BedIcon }),
        r('recipients', RecipientsPage, { icon: SendIcon }),
        r('organisations', OrganisationsPage, { icon: ApartmentIcon }),
        r('health', HealthPage, { icon: MonitorHeartIcon }),
      ];
    default:
      return [];
  }
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
