import Foundation

extension PostgresEngineOptions {
    /// For work on a whole store at once (`db migrate-to`, the benchmark's copy): the copy's count and checksum
    /// statements read every row of a table, which on a million-customer store (10 million punches) takes far
    /// longer than the counter's 2 s. And its one long transaction writes at REPEATABLE READ, not SERIALIZABLE:
    /// PostgreSQL keeps the predicate locks of every serializable transaction that overlaps a serializable one still
    /// running, so a 15-minute serializable copy let the serializable writes of counters beside it (the test suite,
    /// on the same server) fill the server's predicate-lock table, and the copy itself then failed at its end with
    /// "out of shared memory". Nothing else writes the empty target (the store's write lock is held, and `migrate-to`
    /// refuses a non-empty database); a counter never opens its store this way.
    public static var bulk: PostgresEngineOptions {
        var options = PostgresEngineOptions()
        options.statementTimeout = 30 * 60
        options.writeIsolation = .repeatableRead
        return options
    }
}
