// The platform's main path driven over HTTP, shared by the cross-service tests, the benchmark and
// the chaos run: an agency reports a presumed victim, the victim consents to and asks for a shelter,
// the shelter service places them and the notification service sends the admission message to the
// facility's webhook.
import { Agent, createServer, request } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const GIVEN = ['Aysel', 'Leyla', 'Nigar', 'Günel', 'Sevinc', 'Olga', 'Marina', 'Aynur', 'Zeynab', 'Farida'];
const FAMILY = [
  'Mammadova',
  'Aliyeva',
  'Huseynova',
  'Ivanova',
  'Karimova',
  'Rzayeva',
  'Quliyeva',
  'Ismayilova',
];

/** A valid referral body; `i` varies the person so no two are alike. */
export function referralBody(i = 0, overrides = {}) {
  return {
    kind: 'presumed_victim',
    identifiedAt: new Date(Date.now() - 60_000).toISOString(),
    person: {
      givenName: `${GIVEN[i % GIVEN.length]}${randomBytes(3).toString('hex')}`,
      familyName: FAMILY[i % FAMILY.length],
      dateOfBirth: `19${80 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
      sex: 'female',
      citizenship: 'AZ',
      languages: ['az', 'ru'],
      contact: '+994 50 555 00 00',
    },
    exploitation: ['sexual'],
    circumstances: 'Found at the border crossing with forged papers; says she was promised work abroad.',
    region: 'Baku',
    urgentNeeds: ['shelter'],
    documents: [{ kind: 'passport', reference: `C${String(i).padStart(8, '0')}` }],
    ...overrides,
  };
}

/**
 * autocannon's request list for intake (`POST /v1/referrals`): each request a new Idempotency-Key and
 * a new referral body, as an agency's clients send them.
 */
export function intakeRequests(agencyToken) {
  let i = 0;
  return [
    {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        headers: {
          authorization: `Bearer ${agencyToken}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify(referralBody(i++)),
      }),
    },
  ];
}

/**
 * One API call. With `retry` ({ until, onRetry }), a `503` or `429` carrying Retry-After is retried
 * after the time it asks for (the request is repeated as is, Idempotency-Key included) until `until`.
 */
async function call(base, method, path, token, body, headers = {}, retry) {
  let res;
  for (;;) {
    res = await send(
      `${base}${path}`,
      method,
      {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body !== undefined ? JSON.stringify(body) : undefined,
    );
    const after = Number(res.headers['retry-after']);
    if (
      !retry ||
      (res.status !== 503 && res.status !== 429) ||
      !(after >= 0) ||
      Date.now() + after * 1000 > retry.until
    )
      break;
    retry.onRetry?.(res.status);
    await new Promise((r) => setTimeout(r, after * 1000));
  }
  const json = res.text ? JSON.parse(res.text) : undefined;
  if (res.status < 200 || res.status > 299) {
    const err = new Error(`${method} ${path} → ${res.status} ${res.text.slice(0, 300)}`);
    err.status = res.status;
    err.body = json;
    throw err;
  }
  return json;
}

/**
 * Kept-alive connections for the flows' calls: node:http instead of fetch, which cost the bench's
 * client about twice the CPU per call on the cores it shares with the platform (bench/README.md).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request; resolves to its status, headers and body text. */
function send(url, method, headers, body) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Creates what the flow needs: a shelter (capacity `capacity`) whose staff receive admission
 * messages at `webhookUrl`, signed with `secret`, and a duty officer on the roster.
 */
export async function prepareShelterFlow({
  urls,
  tokens,
  webhookUrl,
  secret,
  capacity = 100_000,
  facilityCode,
  emailTo,
}) {
  const code = facilityCode ?? `FAC-${randomBytes(3).toString('hex').toUpperCase()}`;
  const facility = await call(urls.shelter, 'POST', '/v1/facilities', tokens.admin, {
    code,
    name: `Shelter ${code}`,
    kind: 'shelter',
    region: 'Baku',
    operator: 'state',
    capacity,
    accepts: { sexes: ['female', 'male', 'other', 'unknown'], children: false, minAge: 18, maxAge: 120 },
    languages: ['az', 'ru', 'en'],
  });
  await call(urls.notification, 'POST', '/v1/recipients', tokens.admin, {
    org: code,
    channel: 'webhook',
    address: webhookUrl,
    language: 'en',
    secret,
  });
  if (emailTo)
    await call(urls.notification, 'POST', '/v1/recipients', tokens.admin, {
      org: code,
      channel: 'email',
      address: emailTo,
      language: 'az',
    });
  return { facility, code };
}

/**
 * Reports a presumed victim, records their consent to a shelter and asks for one. With `retry`
 * ({ until, onRetry }) each call honours Retry-After on 503/429 (see {@link call}).
 */
export async function reportAndRequestShelter({ urls, agencyToken, i = 0, retry }) {
  const referral = await call(
    urls.referral,
    'POST',
    '/v1/referrals',
    agencyToken,
    referralBody(i),
    { 'idempotency-key': randomUUID() },
    retry,
  );
  await call(
    urls.referral,
    'POST',
    `/v1/victims/${referral.victimRef}/consents`,
    agencyToken,
    { purpose: 'shelter_placement', granted: true },
    {},
    retry,
  );
  const request = await call(
    urls.referral,
    'POST',
    `/v1/victims/${referral.victimRef}/service-requests`,
    agencyToken,
    { service: 'shelter' },
    { 'idempotency-key': randomUUID() },
    retry,
  );
  return { referral, request };
}

/**
 * A webhook receiver on loopback that verifies every Standard Webhooks signature and records the
 * deliveries (a bad signature is answered 401 and counted).
 */
export async function startWebhookReceiver({ secret, onDelivery = () => {} } = {}) {
  const verifier = new Webhook(secret);
  const received = [];
  let rejected = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = verifier.verify(body, {
          'webhook-id': req.headers['webhook-id'],
          'webhook-timestamp': req.headers['webhook-timestamp'],
          'webhook-signature': req.headers['webhook-signature'],
        });
        const delivery = { at: Date.now(), id: req.headers['webhook-id'], payload };
        received.push(delivery);
        onDelivery(delivery);
        res.writeHead(204).end();
      } catch {
        rejected++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/hooks/nrm`,
    received,
    get rejected() {
      return rejected;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A new Standard Webhooks secret. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
