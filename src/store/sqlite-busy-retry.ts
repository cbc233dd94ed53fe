import { SqliteDialect, type CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from "kysely";

/**
 * SQLite waits for another process's write lock inside the call, blocking the event loop, for at
 * most this long (the `busy_timeout` pragma)…
 */
export const SQLITE_BUSY_TIMEOUT_MS = 50;
/** …and then the statement is retried off the event loop, backing off, for at most this long in all. */
export const SQLITE_BUSY_RETRY_MS = 5_000;
const FIRST_DELAY_MS = 5;
const MAX_DELAY_MS = 100;

/**
 * A Kysely SQLite dialect whose statements, when the file is locked by another process
 * (`SQLITE_BUSY`), are tried again after an asynchronous pause, so health checks and other
 * requests are answered meanwhile. Past `SQLITE_BUSY_RETRY_MS` the error is thrown as it was.
 */
export class BusyRetrySqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    return new BusyRetryDriver(super.createDriver());
  }
}

class BusyRetryDriver implements Driver {
  constructor(private readonly inner: Driver) {}
  init(): Promise<void> {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new BusyRetryConnection(await this.inner.acquireConnection());
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection((connection as BusyRetryConnection).inner);
  }
  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

class BusyRetryConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + SQLITE_BUSY_RETRY_MS;
    for (let delay = FIRST_DELAY_MS; ; delay = Math.min(MAX_DELAY_MS, delay * 2)) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        // Only a plain lock wait; SQLITE_BUSY_SNAPSHOT (a stale read in a transaction) cannot succeed by waiting.
        if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() + delay > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
