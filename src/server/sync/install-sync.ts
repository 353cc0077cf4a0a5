import type { FastifyInstance } from 'fastify';
import { PokeHub } from './pokes';
import { registerSyncRoutes } from './routes';
import { purgeTombstones } from './tombstones';

const PURGE_EVERY_MS = 3600_000;

/** The sync protocol on the hub's app, with its poke listener and the hourly tombstone purge. */
export function installSync(app: FastifyInstance, options: { pullPageRows?: number } = {}): void {
  const { pool, clock } = app.hub;
  const pokes = new PokeHub(pool, app.log);
  let purge: ReturnType<typeof setInterval> | null = null;
  app.addHook('onReady', async () => {
    await pokes.start();
    purge = setInterval(() => {
      purgeTombstones(pool, clock.now()).catch((error: unknown) => app.log.warn({ err: error }, 'tombstone purge failed'));
    }, PURGE_EVERY_MS);
    purge.unref();
  });
  app.addHook('onClose', async () => {
    if (purge) clearInterval(purge);
    await pokes.close();
  });
  registerSyncRoutes(app, { pool, clock, pokes, pullPageRows: options.pullPageRows });
}
