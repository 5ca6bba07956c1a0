import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { testSecrets } from './test/support/secrets.ts';

// Three projects: the pure domain in plain Node, the Worker's code in plain Node (its OpenAPI
// document), and the Worker inside workerd
// with real local D1, Durable Objects and Queues from miniflare.
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
        // The Worker's code outside workerd: the OpenAPI document and what is generated from it.
        test: {
          name: 'node',
          environment: 'node',
          testTimeout: 60_000,
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
          exclude: ['test/node/**'],
          setupFiles: ['./test/support/apply-migrations.ts'],
          globalSetup: ['./test/support/receiver.global.ts'],
        },
      },
    ],
  },
});
