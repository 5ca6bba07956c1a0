import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { configDefaults, defineConfig } from 'vitest/config';
import { testSecrets } from './test/support/secrets.ts';

// Three projects: the pure domain in plain Node, the Worker inside workerd with real local D1,
// Durable Objects and Queues from miniflare, and plain-Node checks of the Worker's artefacts
// (the OpenAPI document through Redocly's linter) that need Node's child_process and files.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          testTimeout: 60_000,
          include: ['packages/core/test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          testTimeout: 120_000,
          include: ['test/node/**/*.test.ts'],
        },
      },
      {
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ...(await testSecrets()),
                WEBHOOK_ALLOW_LOOPBACK: 'true',
                // The SSRF guard's DNS-over-HTTPS resolver: the local receiver, answering chosen records.
                DNS_RESOLVER_URL: `${inject('receiverUrl')}/dns-query`,
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          // Generous: the attack suite and property tests run many requests; CI machines have 2 cores.
          testTimeout: 120_000,
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/node/**'],
          setupFiles: ['./test/support/apply-migrations.ts'],
          globalSetup: ['./test/support/receiver.global.ts'],
        },
      },
    ],
  },
});
