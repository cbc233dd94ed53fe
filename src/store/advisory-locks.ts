import pg from "pg";

const FIRST_RETRY_MS = 5;
const LONGEST_RETRY_MS = 100;

/**
 * PostgreSQL session advisory locks held on one connection of their own, taken with
 * `pg_try_advisory_lock` and retried while another process holds them. Holding a lock (while
 * GitHub answers, for seconds) never keeps a pooled connection: with a pinned connection per
 * held lock, a few dozen deliveries waiting on GitHub used up the pool, and the webhook intake
 * and every other installation's writes waited for a connection (ADR 0067).
 *
 * Callers serialise one key in-process first (the session owns its locks, so two holders in
 * this process would both get it). When the lock session is lost (a restart), the server has
 * released its locks; the next lock opens a new session.
 */
export class AdvisoryLocks {
  #session: Promise<pg.Client> | undefined;
  #closed = false;
  /** The session's queries run one after the other (a pg client takes one query at a time). */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly connectionString: string) {}

  /** Runs `fn` while this process holds the advisory lock `id` (a signed 64-bit integer as text). */
  async run<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const session = await this.#acquire(id);
    try {
      return await fn();
    } finally {
      await this.#release(id, session);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const session = this.#session;
    this.#session = undefined;
    await session?.then((client) => client.end()).catch(() => undefined);
  }

  async #acquire(id: string): Promise<pg.Client> {
    let waitMs = FIRST_RETRY_MS;
    for (;;) {
      const session = await this.#connect();
      const { rows } = await this.#query<{ locked: boolean }>(session, "select pg_try_advisory_lock($1::bigint) as locked", id);
      if (rows[0]?.locked) return session;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      waitMs = Math.min(LONGEST_RETRY_MS, waitMs * 2);
    }
  }

  async #release(id: string, session: pg.Client): Promise<void> {
    // A lost session released its locks with it.
    if (this.#session === undefined || (await this.#session.catch(() => undefined)) !== session) return;
    await this.#query(session, "select pg_advisory_unlock($1::bigint)", id).catch(() => this.#forget(session));
  }

  #query<R extends pg.QueryResultRow>(session: pg.Client, text: string, id: string): Promise<pg.QueryResult<R>> {
    const result = this.#tail.then(() => session.query<R>(text, [id]));
    this.#tail = result.catch(() => undefined);
    return result;
  }

  #connect(): Promise<pg.Client> {
    if (this.#closed) return Promise.reject(new Error("the store is closed"));
    if (this.#session) return this.#session;
    const client = new pg.Client({ connectionString: this.connectionString });
    const session = client.connect().then(() => client);
    // A session that loses its server is dropped; its next user opens a new one.
    client.on("error", () => this.#forget(client));
    client.on("end", () => this.#forget(client));
    this.#session = session;
    session.catch(() => this.#forget(client));
    return session;
  }

  #forget(client: pg.Client): void {
    const current = this.#session;
    if (!current) return;
    void current.then(
      (session) => {
        if (session === client && this.#session === current) this.#session = undefined;
      },
      () => {
        if (this.#session === current) this.#session = undefined;
      },
    );
  }
}
