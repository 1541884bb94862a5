// In a module of their own (no AWS SDK client): `npm run bench` reads the default for its --help and options.

/**
 * Posts in flight during a broadcast unless `BROADCAST_CONCURRENCY` says otherwise, chosen by
 * measurement (`npm run bench`, docs/testing.md, Benchmark): with the management API answering in
 * 2 ms, 25, 50 and 100 in flight broadcast to 1,000 and 10,000 connections equally fast (the handler's
 * CPU is the bound then); with answers taking 10 ms, 2,000 connections took 980 ms at 25, 594 ms at 50
 * and 465 ms at 100. 50 gets most of that gain with half the sockets and half the burst on the
 * management API of 100; where posts are slow, up to {@link MAX_BROADCAST_CONCURRENCY} can pay.
 */
export const DEFAULT_BROADCAST_CONCURRENCY = 50;
/** The broadcast poster opens at most this many connections to the management API (its agent's maxSockets). */
export const MAX_BROADCAST_CONCURRENCY = 100;
