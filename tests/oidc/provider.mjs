// A real OpenID provider (oidc-provider) on 127.0.0.1, for jwtx's end-to-end tests of
// `jwtx verify --oidc` and `--key URL`.
//
// It listens on an ephemeral loopback port, so its issuer is `http://127.0.0.1:PORT`
// exactly, asks its own token endpoint for a client_credentials access token for one
// resource (RFC 8707), which the resource server settings make a JWT access token
// (RFC 9068, `typ: at+jwt`), and prints one JSON line on stdout:
//
//   {"issuer": "...", "jwks_uri": "...", "audience": "...", "access_token": "..."}
//
// It then serves until its standard input closes or it gets SIGTERM or SIGINT, so the
// process that started it decides how long it lives, and it dies with that process.
// Everything else it says goes to stderr. It contacts nothing but itself, on loopback.
//
// Usage: node tests/oidc/provider.mjs [--alg RS256|ES256]
//   --alg  the JWS algorithm of the access token (default RS256); the key set always
//          holds both an RSA and a P-256 key, so a verifier must pick the right one.

import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { parseArgs } from 'node:util';

// oidc-provider prints its notices with console.info, which is stdout: keep stdout for
// the one JSON line a test reads.
console.info = console.error;
console.log = console.error;

const { Provider } = await import('oidc-provider');

const RESOURCE = 'https://api.jwtx.test';
const SCOPE = 'api:read';
const CLIENT_ID = 'jwtx-test-client';
// A fresh secret per run: nothing outside this process needs it.
const CLIENT_SECRET = crypto.randomBytes(32).toString('base64url');
const ALGORITHMS = ['RS256', 'ES256'];

function fail(message) {
  console.error(`provider.mjs: ${message}`);
  process.exit(1);
}

let alg;
try {
  const { values } = parseArgs({ options: { alg: { type: 'string', default: 'RS256' } } });
  alg = values.alg;
} catch (err) {
  fail(err.message);
}
if (!ALGORITHMS.includes(alg)) {
  fail(`--alg must be one of ${ALGORITHMS.join(', ')}, not ${alg}`);
}

// Signing keys made for this run only, as private JWKs (the provider derives each
// key's `kid` from its RFC 7638 thumbprint and publishes the public halves).
function privateJwk(type, options) {
  const { privateKey } = crypto.generateKeyPairSync(type, options);
  return { ...privateKey.export({ format: 'jwk' }), use: 'sig' };
}
const keys = [
  privateJwk('rsa', { modulusLength: 2048 }),
  privateJwk('ec', { namedCurve: 'P-256' }),
];

// Listen first: the issuer has to name the port the system picked.
const server = http.createServer();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  jwks: { keys },
  // Ten minutes: ample for a test run, and an access token verifiers must see expire.
  ttl: { ClientCredentials: 10 * 60 },
  features: {
    clientCredentials: { enabled: true },
    // No browser flows here: the test only needs discovery, JWKS and the token endpoint.
    devInteractions: { enabled: false },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      getResourceServerInfo: (_ctx, resourceIndicator) => {
        if (resourceIndicator !== RESOURCE) {
          throw new Provider.errors.InvalidTarget();
        }
        return {
          scope: SCOPE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg } },
        };
      },
    },
  },
});
provider.on('server_error', (_ctx, err) => console.error('provider.mjs: server error:', err));
server.on('request', provider.callback());

// Ask the real token endpoint, over HTTP on loopback, as any client would (RFC 6749
// section 4.4, client_secret_basic authentication per section 2.3.1).
async function clientCredentialsToken() {
  const discovery = await getJson(`${issuer}/.well-known/openid-configuration`);
  const basic = Buffer.from(
    `${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`,
  ).toString('base64');
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      resource: RESOURCE,
      scope: SCOPE,
    }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.access_token !== 'string') {
    throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return { discovery, accessToken: body.access_token };
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  return response.json();
}

function shutdown() {
  server.closeAllConnections();
  server.close();
  process.exit(0);
}

let discovery;
let accessToken;
try {
  ({ discovery, accessToken } = await clientCredentialsToken());
} catch (err) {
  fail(`could not get a token from ${issuer}: ${err.stack ?? err}`);
}

process.stdout.write(
  `${JSON.stringify({
    issuer: discovery.issuer,
    jwks_uri: discovery.jwks_uri,
    audience: RESOURCE,
    access_token: accessToken,
  })}\n`,
);
console.error(`provider.mjs: serving ${issuer} (${alg}); close stdin or send SIGTERM to stop`);

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
process.stdin.on('end', shutdown);
process.stdin.on('error', shutdown);
process.stdin.resume();
