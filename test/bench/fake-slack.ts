import { performance } from 'node:perf_hooks';
import { generateWorkspace, startFakeSlack } from '@rtm-migrate/fake-slack';

const ms = (start: number) => performance.now() - start;

/**
 * fake-slack: workspace generation at growing sizes (baseline: the smallest, to show it scales
 * linearly), and users.list pages served per second against a bare `auth.test` round trip.
 */
export async function runFakeSlackBench(): Promise<void> {
  const sizes = [
    { users: 1_000, channels: 100 },
    { users: 10_000, channels: 1_000 },
    { users: 100_000, channels: 10_000 },
  ];
  generateWorkspace({ seed: 0, users: 1_000, channels: 100 }); // warm-up
  let baselinePerUser = 0;
  console.log('generation             time      µs/user   vs 1k');
  for (const size of sizes) {
    const start = performance.now();
    generateWorkspace({ seed: 1, ...size });
    const took = ms(start);
    const perUser = (took * 1000) / size.users;
    baselinePerUser ||= perUser;
    console.log(
      `${`${size.users} users / ${size.channels} ch`.padEnd(22)} ${`${took.toFixed(0)} ms`.padStart(8)} ${perUser.toFixed(2).padStart(10)} ${(perUser / baselinePerUser).toFixed(2).padStart(7)}×`,
    );
  }

  const fake = await startFakeSlack({ seed: 1, users: 20_000, channels: 200 });
  try {
    const rounds = 200;
    const get = (path: string) => fetch(new URL(path, fake.apiUrl), { headers: { authorization: 'Bearer xoxb-test' } }).then((r) => r.json());
    await get('auth.test');
    let start = performance.now();
    for (let i = 0; i < rounds; i++) await get('auth.test');
    const authMs = ms(start) / rounds;
    start = performance.now();
    let cursor = '';
    let pages = 0;
    do {
      const page = (await get(`users.list?limit=200&cursor=${encodeURIComponent(cursor)}`)) as { response_metadata?: { next_cursor?: string } };
      cursor = page.response_metadata?.next_cursor ?? '';
      pages++;
    } while (cursor);
    const pageMs = ms(start) / pages;
    console.log(`\nauth.test round trip: ${authMs.toFixed(2)} ms (baseline)`);
    console.log(`users.list page of 200: ${pageMs.toFixed(2)} ms (${pages} pages, ${(1000 / pageMs).toFixed(0)} pages/s, ${(pageMs / authMs).toFixed(2)}× auth.test)`);
  } finally {
    await fake.close();
  }
}
