import Foundation
import Logging
import LoyaltyStore
import NIOCore
import NIOPosix
import PostgresNIO

/// The lookup's rows fetched straight through postgres-nio: the SQL the store runs on PostgreSQL for the
/// benchmark's queries (`CustomerSearch.swift`: the prefix subqueries `UNION ALL`ed, ranked, cut to the page,
/// counted; the `LIKE '%…%'` substring subquery, which the pg_trgm indexes answer, only when the prefixes leave
/// the page short), written out here with `$n` parameters, on its own connection, rows decoded by position.
/// The PostgreSQL counterpart of `RawBaseline`: the ratio says what the store, its engine and the view-model
/// cost on top of PostgreSQL and its client library. Like the engine, it waits for each EventLoopFuture on the
/// calling thread; unlike it, no transaction, no SQL rewriting, no generic value decoding.
final class PostgresBaseline: LookupBaseline {
    private let connection: PostgresConnection
    private let logger: Logger
    static let limit = 50

    init(address: PostgresAddress) throws {
        var logger = Logger(label: "astro-loyalty.bench.postgres")
        logger.logLevel = .critical
        self.logger = logger
        var configuration: PostgresConnection.Configuration
        switch address.endpoint {
        case .tcp(let host, let port):
            // The test cluster trusts local connections: no password, ever in a URL or a log.
            configuration = .init(host: host, port: port, username: address.user, password: nil,
                                  database: address.database, tls: .disable)
        case .unixSocket(let path, _):
            configuration = .init(unixSocketPath: path, username: address.user, password: nil, database: address.database)
        }
        connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                    configuration: configuration, id: 1, logger: logger).wait()
    }

    deinit { _ = try? connection.close().wait() }

    /// The database's size on disk (`pg_database_size`), in MB.
    func databaseMegabytes() throws -> Double {
        let rows = try connection.query("SELECT pg_database_size(current_database())", logger: logger).wait()
        return Double(try rows.first?.decode(Int64.self) ?? 0) / 1_048_576
    }

    /// What autovacuum would do to a freshly copied database: planner statistics and the visibility map.
    func vacuumAnalyze() throws {
        _ = try connection.query("VACUUM ANALYZE", logger: logger).wait()
    }

    /// The server's memory setting, as it reports it (e.g. "2GB"): the figures depend on it, so the report says it.
    func sharedBuffers() throws -> String {
        let rows = try connection.query("SHOW shared_buffers", logger: logger).wait()
        return try rows.first?.decode(String.self) ?? "?"
    }

    /// A server that has been answering counters all day holds the pages they read in memory; a benchmark run
    /// right after a restart or a copy reads them from disk at first touch (at 1,000,000 customers single lookups
    /// took 20–30 ms that way and 3–5 ms once their pages were cached). So, before measuring,
    /// every table and index of the store is read into the operating system's cache (`pg_prewarm`'s `read`
    /// mode) and the ones a lookup and a checkout's counts read — customers, cards, points — into the server's
    /// own buffers as far as `shared_buffers` holds them. Returns what it did, for the report. Throws when the
    /// server has no `pg_prewarm` (a contrib module) or this user may not install it: the caller says so and
    /// measures a cold cache.
    func prewarm() throws -> String {
        _ = try connection.query("CREATE EXTENSION IF NOT EXISTS pg_prewarm", logger: logger).wait()
        let all = try connection.query("""
            SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0)::int8 FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')
            """, logger: logger).wait()
        let hot = try connection.query("""
            SELECT coalesce(sum(pg_prewarm(c.oid, 'buffer')), 0)::int8 FROM pg_class c
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')
              AND (c.relname LIKE 'customer%' OR c.relname LIKE 'cards%' OR c.relname LIKE 'points%')
            """, logger: logger).wait()
        let pages = (try all.first?.decode(Int64.self) ?? 0, try hot.first?.decode(Int64.self) ?? 0)
        return String(format: "%.0f MB read into the OS cache, %.0f MB of customers/cards/points into shared_buffers",
                      Double(pages.0) / 128, Double(pages.1) / 128)
    }

    func search(_ query: CashierQuery) throws -> [RawBaseline.Row] {
        let prefixOnly = try run(query, withSubstring: false)
        guard prefixOnly.count < Self.limit, query.text.count >= 3 else { return prefixOnly }
        // As the store runs it: only bitmap scans for the substring statement (`searchCustomers`: PostgreSQL
        // misjudges `LIKE '%…%'` and, for a LIMIT, read the whole table instead), so in a transaction of its own.
        _ = try connection.query("BEGIN READ ONLY", logger: logger).wait()
        do {
            _ = try connection.query(PostgresQuery(unsafeSQL: LoyaltyStore.substringPlannerSettings), logger: logger).wait()
            let rows = try run(query, withSubstring: true)
            _ = try connection.query("COMMIT", logger: logger).wait()
            return rows
        } catch {
            _ = try? connection.query("ROLLBACK", logger: logger).wait()
            throw error
        }
    }

    private func run(_ query: CashierQuery, withSubstring: Bool) throws -> [RawBaseline.Row] {
        let text = query.text
        var binds = PostgresBindings()
        binds.append(text)                                      // $1: the prefix, and the exact name
        binds.append(text + "\u{10FFFF}")                       // $2: past every string starting with it
        binds.append(LoyaltyStore.likeContaining(text))                 // $3: the substring pattern
        let reversed = String(text.reversed())
        if query.isPhone {
            binds.append(reversed)                              // $4, $5: the reversed phone's range
            binds.append(reversed + "\u{10FFFF}")
        }
        let sql = Self.sql(phone: query.isPhone, names: query.searchesNames, withSubstring: withSubstring)
        let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait()
        var rows: [RawBaseline.Row] = []
        rows.reserveCapacity(Self.limit)
        for row in result {
            let (id, first, last, phone, email, lightspeed, open, complete, points) = try row.decode(
                (Int64, String, String, String?, String?, String?, Int64, Int64, Decimal).self)
            rows.append(RawBaseline.Row(id: id, firstName: first, lastName: last, phone: phone, email: email,
                                        lightspeedID: lightspeed, open: Int(open), complete: Int(complete),
                                        points: NSDecimalNumber(decimal: points).intValue))
        }
        return rows
    }

    /// The store's statement for the benchmark's one-token queries (`CustomerQuery.subqueries`, PostgreSQL).
    static func sql(phone: Bool, names: Bool, withSubstring: Bool) -> String {
        let parts = phone
            ? [(2, "SELECT id FROM customers WHERE merged_into IS NULL AND phone >= $1 AND phone < $2 ORDER BY phone LIMIT 50"),
               (2, "SELECT id FROM customers WHERE merged_into IS NULL AND phone_reversed >= $4 AND phone_reversed < $5 ORDER BY phone_reversed LIMIT 50"),
               (3, "SELECT id FROM customers WHERE merged_into IS NULL AND ((phone LIKE $3)) LIMIT 50")]
            : [(1, "SELECT id FROM customers WHERE merged_into IS NULL AND first_key >= $1 AND first_key < $2 ORDER BY first_key LIMIT 50"),
               (1, "SELECT id FROM customers WHERE merged_into IS NULL AND last_key >= $1 AND last_key < $2 ORDER BY last_key LIMIT 50"),
               (2, "SELECT id FROM customers WHERE merged_into IS NULL AND email >= $1 AND email < $2 ORDER BY email LIMIT 50"),
               (3, names ? "SELECT id FROM customers WHERE merged_into IS NULL AND ((search_name LIKE $3) OR (split_part(email, '@', 1) LIKE $3)) LIMIT 50"
                         : "SELECT id FROM customers WHERE merged_into IS NULL AND ((split_part(email, '@', 1) LIKE $3)) LIMIT 50")]
        let matches = parts.filter { withSubstring || $0.0 < 3 }
            .map { "SELECT id, \($0.0) AS rank FROM (\($0.1)) AS part" }.joined(separator: " UNION ALL ")
        return """
            WITH matches(id, rank) AS (\(matches)),
            page AS MATERIALIZED (
                SELECT c.id, c.first_name, c.last_name, c.phone, c.email, c.lightspeed_customer_id,
                       c.first_key, c.last_key,
                       CASE WHEN c.first_key = $1 OR c.last_key = $1 OR c.first_key || ' ' || c.last_key = $1
                            THEN 0 ELSE m.rank END AS rank
                FROM (SELECT id, min(rank) AS rank FROM matches GROUP BY id) m
                JOIN customers c ON c.id = m.id
                WHERE c.merged_into IS NULL
                ORDER BY 9, c.last_key, c.first_key, c.id
                LIMIT 50)
            SELECT id, first_name, last_name, phone, email, lightspeed_customer_id,
                   (SELECT count(*) FROM cards k WHERE k.customer_id = page.id AND k.state = 'open'),
                   (SELECT count(*) FROM cards k WHERE k.customer_id = page.id AND k.state = 'complete'),
                   (SELECT coalesce(sum(delta), 0) FROM points_entries e WHERE e.customer_id = page.id)
            FROM page ORDER BY rank, last_key, first_key, id
            """
    }
}
