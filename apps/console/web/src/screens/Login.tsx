import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { lastAuthFailure } from '../authProvider';
import { LOCALES } from '../i18n';
import { LanguageButtons } from './Layout';

const KNOWN = ['sign-in-failed', 'sign-in-expired', 'session-expired', 'provider-unavailable', 'no-role'];

/** The console's sign-in page: sign-in itself happens at the identity provider. */
export function LoginPage() {
  const translate = useTranslate();
  const fromUrl = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('error') ?? undefined;
  const reason = fromUrl ?? (lastAuthFailure === 'session-expired' ? 'session-expired' : undefined);
  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: '#eef2f6',
        p: 2,
      }}
    >
      <Card sx={{ maxWidth: 440, width: '100%' }}>
        <CardContent>
          <Stack spacing={2}>
            <Typography component="h1" variant="h5">
              {translate('login.title')}
            </Typography>
            <Typography>{translate('login.intro')}</Typography>
            {reason && KNOWN.includes(reason) && (
              <Typography role="alert" sx={{ color: '#b71c1c', bgcolor: '#ffebee', p: 1.5, borderRadius: 1 }}>
                {translate(`login.errors.${reason}`)}
              </Typography>
            )}
            <Button variant="contained" size="large" href="/auth/login">
              {translate('login.button')}
            </Button>
            <LanguageButtons />
            <Typography variant="caption" sx={{ color: '#555' }}>
              {LOCALES.map((l) => l.locale).join(' · ')}
            </Typography>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
