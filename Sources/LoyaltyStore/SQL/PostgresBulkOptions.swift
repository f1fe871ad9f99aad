import Foundation

extension PostgresEngineOptions {
    /// For work on a whole store at once (`db migrate-to`, the benchmark's copy): the copy's count and checksum
    /// statements read every row of a table, which on a million-customer store (10 million punches) takes far
    /// longer than the counter's 2 s. Only the statement timeout differs; a counter never opens its store this way.
    public static var bulk: PostgresEngineOptions {
        var options = PostgresEngineOptions()
        options.statementTimeout = 30 * 60
        return options
    }
}
