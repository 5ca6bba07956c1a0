import type { Grant } from '@guanjia/core';
import type { EventEnvelope } from '@guanjia/core/events/catalogue';
import type { CspDirectives } from './api/middleware/security-headers';
import type { CaseClock } from './clocks/case-clock';
import type { TenantScope } from './data/scope';
import type { Logger, LogLevel } from './lib/logger';
import type { DeliveryMessage } from './queue/messages';

/** Bindings declared in wrangler.toml and the secrets set with `wrangler secret put`. */
export interface Env {
  /** The first D1 shard; it also holds the tenant directory (`tenants`), which names each tenant's shard. */
  DB: D1Database;
  /** The second D1 shard (data/db.ts `shardBindings`): same migrations, other tenants. */
  DB2: D1Database;
  ENVIRONMENT: 'development' | 'test' | 'production';
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  /** Private JWK (JSON) that signs access tokens; must carry a `kid`. */
  JWT_PRIVATE_JWK: string;
  /** Public JWKs (JSON array) of retired signing keys still published so live tokens verify during a rotation. */
  JWT_PREVIOUS_PUBLIC_JWKS?: string;
  /** Lowest level written to the logs (default info; tests use warn). */
  LOG_LEVEL?: LogLevel;
  /** "true" mounts the benchmark's baseline routes (never in production). */
  BENCH_ROUTES?: string;
  /** "true": every binding call of a request is timed into its answer's headers (workers/lib/profile.ts; bench only). */
  BENCH_PROFILE?: string;
  /** Protects the platform operator endpoints (create a tenant, seed the demo). */
  PLATFORM_SECRET: string;
  /** Workers Rate Limiting bindings: per tenant, per integrator key, per login identity. */
  TENANT_RATE_LIMITER: RateLimit;
  API_KEY_RATE_LIMITER: RateLimit;
  LOGIN_RATE_LIMITER: RateLimit;
  /** Public owner intake (web, WeChat, app), counted per project channel key. */
  PUBLIC_INTAKE_RATE_LIMITER: RateLimit;
  /** One SLA clock per case (Durable Object `CaseClock`), named `${tenantId}:${caseId}`. */
  CASE_CLOCKS: DurableObjectNamespace<CaseClock>;
  /** Uploaded files (audit evidence under `<tenantId>/audits/...`). */
  FILES: R2Bucket;
  /** Domain events from the outbox (producer and consumer: workers/queue/consumer.ts). */
  EVENTS: Queue<EventEnvelope>;
  /** One message per webhook delivery (retried with back-off, then dead-lettered). */
  DELIVERIES: Queue<DeliveryMessage>;
  /** "true" lets webhooks and provider channels call loopback URLs (tests and local dev only). */
  WEBHOOK_ALLOW_LOOPBACK?: string;
  /**
   * Seconds, overriding every waiting time of the outbox sweep (unsent rows, sent rows not
   * handled, deliveries never tried): for the crash test, which cannot wait minutes. Unset in
   * production (docs/events.md).
   */
  OUTBOX_GRACE_SECONDS?: string;
  /**
   * DNS-over-HTTPS JSON resolver (`application/dns-json`) that the SSRF guard asks for the A and
   * AAAA records of webhook and provider host names. Default in production:
   * https://cloudflare-dns.com/dns-query; unset elsewhere, names are not resolved (offline dev).
   */
  DNS_RESOLVER_URL?: string;
  /** The API's public origin for links in owner messages (owner links); default JWT_ISSUER's origin. */
  PUBLIC_BASE_URL?: string;
  /**
   * Static assets (`[assets]` in wrangler.toml): the staff console's build and the API
   * reference's bundle. Absent when the app runs outside workerd (plain Node tests).
   */
  ASSETS?: Fetcher;
  /** Source of the key that encrypts webhook secrets and provider credentials (default PLATFORM_SECRET). */
  NOTIFY_ENCRYPTION_KEY?: string;
}

/** Who is calling, after authentication. */
export interface Principal {
  tenantId: string;
  actorType: 'staff' | 'api_key';
  actorId: string;
  grants: Grant[];
  /** Set for contractor staff: they see only their company's work. */
  contractorId: string | null;
}

export interface AppVariables {
  requestId: string;
  logger: Logger;
  principal: Principal;
  scope: TenantScope;
  /** Directives a page's route widens in its own Content-Security-Policy (`useContentSecurityPolicy`). */
  contentSecurityPolicy?: CspDirectives;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
