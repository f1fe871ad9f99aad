import Foundation
import LoyaltyStore

/// `--db postgresql://…`: the benchmark's store on PostgreSQL. The SQLite store of the same shape is generated
/// (or reused) at its default path, then copied whole into the PostgreSQL database if that is empty — the way
/// a shop moves (`db migrate-to`, the same `copy(into:)`), and timed: that is the "move to PostgreSQL" figure.
/// The figures then run against the PostgreSQL store, opened with the counter's options (2 s statements).
enum PostgresTarget {
    struct Prepared {
        var store: LoyaltyStore
        /// Seconds of the copy and its verification, and rows copied; nil when the database held the store already.
        var copy: (seconds: Double, rows: Int)?
        /// Seconds of the VACUUM ANALYZE after the copy (nil when reused).
        var analyze: Double?
    }

    static func prepare(_ address: PostgresAddress, sqlitePath: String, shape: StoreShape,
                        log: @escaping @Sendable (String) -> Void) throws -> Prepared {
        var copy: (seconds: Double, rows: Int)?
        var analyze: Double?
        switch try LoyaltyStore.contents(ofPostgres: address) {
        case .empty, .emptyStore:
            log("copying \(sqlitePath) into \(address) (db migrate-to's copy, bulk statement timeout)…")
            let source = try LoyaltyStore(path: sqlitePath)
            let target = try LoyaltyStore(postgres: address, options: .bulk)
            let started = Clock.nanoseconds()
            let report = try source.copy(into: target) { step in
                if step.verifying {
                    if step.copied == step.total { log("  verifying \(step.table) (\(step.total) rows)") }
                } else if step.copied == 0 || step.copied % 1_000_000 == 0 {
                    log("  \(step.table): \(step.copied) of \(step.total) rows ("
                        + String(format: "%.0f s)", Double(Clock.nanoseconds() - started) / 1e9))
                }
            }
            let seconds = Double(Clock.nanoseconds() - started) / 1e9
            copy = (seconds, report.totalRows)
            try? target.close()
            try? source.close()
            log(String(format: "copied %d rows in %.1f s (%.0f rows/s)", report.totalRows, seconds,
                       Double(report.totalRows) / seconds))
            // A freshly filled database has no planner statistics and no visibility map until autovacuum gets
            // to it (within minutes); the benchmark does its work at once, so that the first figures are
            // those of the store as it will be.
            let vacuumStarted = Clock.nanoseconds()
            try PostgresBaseline(address: address).vacuumAnalyze()
            analyze = Double(Clock.nanoseconds() - vacuumStarted) / 1e9
            log(String(format: "VACUUM ANALYZE in %.1f s", analyze!))
        case .store(let customers):
            guard customers >= shape.customers else {
                throw BenchError("\(address) holds a store of \(customers) customers, not this one of \(shape.customers): "
                                 + "give an empty database")
            }
            log("reusing the store in \(address) (\(customers) customers)")
        case .foreign(let relations):
            throw BenchError("\(address) holds something else (\(relations.prefix(5).joined(separator: ", "))): give an empty database")
        }
        return Prepared(store: try LoyaltyStore(postgres: address), copy: copy, analyze: analyze)
    }
}
