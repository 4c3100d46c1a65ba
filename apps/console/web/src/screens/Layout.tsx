import { Box, Button, ButtonGroup, Typography } from '@mui/material';
import { useEffect, type ReactNode } from 'react';
import {
  AppBar,
  Layout,
  TitlePortal,
  useLocaleState,
  useLogout,
  useTranslate,
  type LayoutProps,
} from 'react-admin';
import { onUnauthorized } from '../api';
import { currentUser } from '../authProvider';
import { LOCALES } from '../i18n';

/** az · en · ru, as real buttons (keyboard and screen-reader usable); the choice is remembered. */
export function LanguageButtons() {
  const [locale, setLocale] = useLocaleState();
  const translate = useTranslate();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <Box
      role="group"
      aria-label={translate('app.language')}
      sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
    >
      <ButtonGroup size="small" color="inherit" variant="outlined">
        {LOCALES.map((l) => (
          <Button
            key={l.locale}
            lang={l.locale}
            aria-pressed={l.locale === locale}
            onClick={() => setLocale(l.locale)}
            sx={{ fontWeight: l.locale === locale ? 700 : 400 }}
          >
            {l.name}
          </Button>
        ))}
      </ButtonGroup>
    </Box>
  );
}

function WhoAmI() {
  const translate = useTranslate();
  const user = currentUser();
  if (!user) return null;
  return (
    <Typography variant="body2" sx={{ mx: 1, display: { xs: 'none', md: 'block' } }} data-testid="whoami">
      {translate('app.signedInAs', { name: user.name, role: translate(`roles.${user.role}`), org: user.org })}
    </Typography>
  );
}

function ConsoleAppBar() {
  return (
    <AppBar toolbar={<LanguageButtons />}>
      <TitlePortal />
      <WhoAmI />
    </AppBar>
  );
}

/** A 401 from any call (the session expired) signs the user out to the sign-in page. */
function SessionWatch() {
  const logout = useLogout();
  useEffect(() => onUnauthorized(() => void logout({}, '/login', false)), [logout]);
  return null;
}

export function ConsoleLayout({ children }: LayoutProps & { children?: ReactNode }) {
  return (
    <Layout appBar={ConsoleAppBar}>
      <SessionWatch />
      {children}
    </Layout>
  );
}
