/*
 * Bench-only profiling (`BENCH_PROFILE=true`, which `npm run bench:profile` sets and production
 * never does): the request's bindings are wrapped so every D1 call, Durable Object call, queue
 * send and rate-limit check is timed, and the answer carries them in a `Server-Timing` header
 * (name, count, total ms) and an `X-Bench-Profile` header (each call in order: what, start and
 * duration in ms from the request's start). Work left to `waitUntil` is not in the answer.
 */

export interface ProfileMark {
  what: string;
  at: number;
  ms: number;
}

export interface Profile {
  readonly started: number;
  readonly marks: ProfileMark[];
}

const timed = async <T>(profile: Profile, what: string, work: () => Promise<T>): Promise<T> => {
  const at = performance.now();
  try {
    return await work();
  } finally {
    const end = performance.now();
    profile.marks.push({
      what,
      at: Math.round((at - profile.started) * 10) / 10,
      ms: Math.round((end - at) * 10) / 10,
    });
  }
};

function statement(profile: Profile, what: string, stmt: D1PreparedStatement): D1PreparedStatement {
  return new Proxy(stmt, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === 'bind')
        return (...args: unknown[]) =>
          statement(profile, what, (target.bind as (...a: unknown[]) => D1PreparedStatement)(...args));
      if (key === '__inner') return target;
      if (typeof value !== 'function') return value;
      if (key === 'first' || key === 'all' || key === 'run' || key === 'raw')
        return (...args: unknown[]) =>
          timed(profile, `d1.${String(key)} ${what}`, () =>
            (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
          );
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

const sqlHead = (sql: string) =>
  sql.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ').slice(0, 40);

function database(profile: Profile, db: D1Database): D1Database {
  return new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === 'prepare') return (sql: string) => statement(profile, sqlHead(sql), target.prepare(sql));
      if (key === 'batch')
        return (stmts: D1PreparedStatement[]) =>
          timed(profile, `d1.batch(${stmts.length})`, () =>
            target.batch(stmts.map((s) => (s as unknown as { __inner?: D1PreparedStatement }).__inner ?? s)),
          );
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function methods<T extends object>(profile: Profile, name: string, object: T): T {
  return new Proxy(object, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        const result = Reflect.apply(value as (...a: unknown[]) => unknown, target, args);
        return result instanceof Promise ||
          (result && typeof (result as Promise<unknown>).then === 'function')
          ? timed(profile, `${name}.${key}`, () => result as Promise<unknown>)
          : result;
      };
    },
  });
}

function namespace(profile: Profile, ns: DurableObjectNamespace): DurableObjectNamespace {
  return new Proxy(ns, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (key === 'get')
        return (...args: unknown[]) =>
          methods(profile, 'do', (value as (...a: unknown[]) => object).apply(target, args));
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The env with its bindings timed into `profile`. */
export function profiledEnv<E extends object>(env: E, profile: Profile): E {
  const wrapped = { ...env } as Record<string, unknown>;
  for (const [key, value] of Object.entries(env)) {
    if (!value || typeof value !== 'object') continue;
    if ('prepare' in value && 'batch' in value) wrapped[key] = database(profile, value as D1Database);
    else if ('idFromName' in value) wrapped[key] = namespace(profile, value as DurableObjectNamespace);
    else if ('sendBatch' in value || 'limit' in value) wrapped[key] = methods(profile, key, value);
  }
  return wrapped as E;
}

/** The answer with the profile's headers. */
export function withProfile(response: Response, profile: Profile): Response {
  const total = Math.round((performance.now() - profile.started) * 10) / 10;
  const groups = new Map<string, { n: number; ms: number }>();
  for (const m of profile.marks) {
    const kind = m.what.split(/[ (.]/)[0] ?? m.what;
    const g = groups.get(kind) ?? { n: 0, ms: 0 };
    g.n++;
    g.ms += m.ms;
    groups.set(kind, g);
  }
  const headers = new Headers(response.headers);
  headers.set(
    'Server-Timing',
    [...[...groups].map(([k, g]) => `${k};dur=${g.ms.toFixed(1)};desc="${g.n}"`), `total;dur=${total}`].join(
      ', ',
    ),
  );
  headers.set('X-Bench-Profile', JSON.stringify(profile.marks));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

let current: Profile | undefined;

/** The profile of the request being answered (the profiling run sends one request at a time). */
export function profiling(profile: Profile | undefined): void {
  current = profile;
}

/** A named instant in the current request's profile (nothing when not profiling). */
export function profileMark(what: string): void {
  if (current)
    current.marks.push({
      what: `mark ${what}`,
      at: Math.round((performance.now() - current.started) * 10) / 10,
      ms: 0,
    });
}
