import Foundation
import Testing
@testable import LoyaltyStore
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL engine against a real server (`ASTRO_TEST_DATABASE`): values, errors in the store's terms,
/// transactions, timeouts, reconnection.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "ASTRO_TEST_DATABASE names no PostgreSQL server"))
struct PostgresEngineTests {
    @Test func valuesOfEveryStoredKindComeBackAsTheStoreReadsThem() throws {
        let database = try PostgresTestDatabase()
        let engine = try database.engine()
        let row = try engine.read { db in
            try SQLRow.fetchOne(db, sql: """
                SELECT ?::bigint AS i, ?::float8 AS r, ? AS t, ?::bytea AS b, ? AS n, true AS yes, false AS no,
                       2.5::numeric AS half, 3::numeric AS whole, 7::int2 AS small, 8::int4 AS medium,
                       'v'::varchar AS v, 'nm'::name AS nm, 1.5::float4 AS f4, 'it''s ?' AS q
                """, arguments: [Int64(42), 1.25, "text ?", Data([0, 1, 255]), SQLValue.null])
        }
        let values = try #require(row).values
        #expect(values == [.integer(42), .real(1.25), .text("text ?"), .blob(Data([0, 1, 255])), .null,
                           .integer(1), .integer(0), .real(2.5), .integer(3), .integer(7), .integer(8),
                           .text("v"), .text("nm"), .real(1.5), .text("it's ?")])
        #expect(row?["WHOLE"] as Int? == 3)
    }

    /// `db migrate-to`'s long copy takes no predicate locks (`PostgresEngineOptions.bulk` writes at REPEATABLE
    /// READ): PostgreSQL keeps those of every serializable transaction overlapping a long serializable one, and
    /// counters beside a 15-minute copy ran the server out of them. A counter's write takes them (the control).
    @Test func bulkWritesTakeNoPredicateLocksACountersWritesDo() throws {
        let database = try PostgresTestDatabase()
        try database.engine().write { db in try db.execute(sql: "CREATE TABLE t (id BIGINT PRIMARY KEY)") }
        func predicateLocks(_ options: PostgresEngineOptions) throws -> Int {
            try database.engine(options).write { db in
                _ = try SQLRow.fetchAll(db, sql: "SELECT id FROM t")
                return try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND mode = 'SIReadLock'
                    """) ?? -1
            }
        }
        var bulk = PostgresEngineOptions.bulk
        bulk.writeLock = nil
        #expect(try predicateLocks(bulk) == 0)
        #expect(try predicateLocks(PostgresTestDatabase.bareOptions) > 0)
    }

    @Test func changesCountIsTheCommandTagsRowCount() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        let counts = try engine.write { db in
            try db.execute(sql: "CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)")
            try db.execute(sql: "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')")
            let inserted = db.changesCount
            try db.execute(sql: "UPDATE t SET v = ? WHERE id >= ?", arguments: ["z", 2])
            let updated = db.changesCount
            try db.execute(sql: "DELETE FROM t WHERE id = ?", arguments: [99])
            return [inserted, updated, db.changesCount]
        }
        #expect(counts == [3, 2, 0])
    }

    @Test func aFailedWriteLeavesNothingAndNamesTheConstraintOrTheTriggersSentence() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.write { db in
            try db.execute(sql: """
                CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT NOT NULL);
                CREATE UNIQUE INDEX "t.v" ON t (lower(v));
                CREATE FUNCTION t_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'rows of t are never deleted'; END $$;
                CREATE TRIGGER t_no_delete BEFORE DELETE ON t FOR EACH ROW EXECUTE FUNCTION t_no_delete();
                INSERT INTO t VALUES (1, 'One');
                """)
        }
        let unique = #expect(throws: SQLError.self) {
            try engine.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [2, "two"])
                try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [3, "ONE"])
            }
        }
        #expect(unique?.kind == .constraint)
        #expect(unique?.message.contains("t.v") == true)
        let trigger = #expect(throws: SQLError.self) {
            try engine.write { db in try db.execute(sql: "DELETE FROM t") }
        }
        #expect(trigger == SQLError(.constraint, "rows of t are never deleted"))
        let notNull = #expect(throws: SQLError.self) {
            try engine.write { db in try db.execute(sql: "INSERT INTO t VALUES (?, ?)", arguments: [4, SQLValue.null]) }
        }
        #expect(notNull?.kind == .constraint)
        // The first insert of the refused transaction is gone with it; the connection is usable again.
        #expect(try engine.read { db in try Int.fetchAll(db, sql: "SELECT id FROM t ORDER BY id") } == [1])
    }

    @Test func readsAreReadOnlySnapshots() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.write { db in try db.execute(sql: "CREATE TABLE t (id BIGINT)") }
        let error = #expect(throws: SQLError.self) {
            try engine.read { db in try db.execute(sql: "INSERT INTO t VALUES (1)") }
        }
        #expect(error?.kind == .other)
        #expect(error?.message.contains("read-only") == true)
    }

    @Test func twoWritersOfTheSameRowsConflictAndTheLoserIsToldToRunAgain() throws {
        let engine = try PostgresTestDatabase().kept().engine()
        try engine.write { db in
            try db.execute(sql: "CREATE TABLE slots (id BIGINT PRIMARY KEY); CREATE TABLE taken (slot BIGINT)")
            try db.execute(sql: "INSERT INTO slots VALUES (1)")
        }
        // Both read "no slot taken", then both take it: SERIALIZABLE lets one commit and aborts the other.
        let bothRead = DispatchGroup()
        bothRead.enter()
        bothRead.enter()
        let results = LockedResults()
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                do {
                    try engine.write { db in
                        let taken = try Int.fetchOne(db, sql: "SELECT count(*) FROM taken") ?? 0
                        bothRead.leave()
                        bothRead.wait()
                        if taken == 0 { try db.execute(sql: "INSERT INTO taken VALUES (1)") }
                    }
                    results.append(nil)
                } catch let error as SQLError {
                    results.append(error.kind)
                } catch {
                    results.append(.other)
                }
            }
        }
        group.wait()
        #expect(results.sorted == ["conflict", "nil"])
        #expect(try engine.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM taken") } == 1)
    }

    @Test func aServerThatRefusesConnectionsIsUnavailableAtOnce() throws {
        let port = try closedPort()
        let engine = try PostgresEngine(address: PostgresAddress(endpoint: .tcp(host: "127.0.0.1", port: port),
                                                                 user: "nobody", database: "none"), password: nil)
        let started = Date()
        let error = #expect(throws: SQLError.self) { try engine.read { db in try db.execute(sql: "SELECT 1") } }
        #expect(error?.kind == .unavailable)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func aServerThatNeverAnswersIsUnavailableWithinTwoSeconds() throws {
        // A socket that listens but never accepts: the kernel completes the handshake, nobody speaks.
        let listener = try SilentListener()
        defer { listener.close() }
        let engine = try PostgresEngine(address: PostgresAddress(endpoint: .tcp(host: "127.0.0.1", port: listener.port),
                                                                 user: "nobody", database: "none", tls: .disable),
                                        password: nil)
        let started = Date()
        let error = #expect(throws: SQLError.self) { try engine.write { db in try db.execute(sql: "SELECT 1") } }
        let elapsed = Date().timeIntervalSince(started)
        #expect(error?.kind == .unavailable)
        #expect(elapsed >= 1.5 && elapsed < 2.5, "reported after \(elapsed) s")
    }

    @Test func aStatementThatRunsPastTheTimeoutIsUnavailable() throws {
        var options = PostgresEngineOptions()
        options.statementTimeout = 0.5
        let engine = try PostgresTestDatabase().kept().engine(options)
        let started = Date()
        let error = #expect(throws: SQLError.self) { try engine.read { db in try db.execute(sql: "SELECT pg_sleep(5)") } }
        #expect(error?.kind == .unavailable)
        #expect(Date().timeIntervalSince(started) < 1.5)
        // The engine carries on with the next transaction.
        #expect(try engine.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
    }

    @Test func aConnectionTheServerDroppedIsReplacedForTheNextTransaction() throws {
        var options = PostgresEngineOptions()
        options.connections = 1
        let database = try PostgresTestDatabase()
        let engine = try database.engine(options)
        let pid = try #require(try engine.read { db in try Int.fetchOne(db, sql: "SELECT pg_backend_pid()") })
        let other = try database.engine()
        #expect(try other.read { db in try Bool.fetchOne(db, sql: "SELECT pg_terminate_backend(?::int)", arguments: [pid]) } == true)
        // Wait until the server has ended it (no fixed sleep).
        let deadline = Date().addingTimeInterval(5)
        while try other.read({ db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pg_stat_activity WHERE pid = ?::int",
                                                        arguments: [pid]) }) != 0, Date() < deadline {}
        let newPID = try engine.read { db in try Int.fetchOne(db, sql: "SELECT pg_backend_pid()") }
        #expect(newPID != nil && newPID != pid)
    }

    @Test func theStatementTraceSeesTheStatementAsWrittenAndWithItsValues() throws {
        let seen = LockedResults()
        var options = PostgresEngineOptions()
        options.statementTrace = { sql, expanded in seen.append(sql + " | " + expanded) }
        let engine = try PostgresTestDatabase().kept().engine(options)
        _ = try engine.read { db in try String.fetchOne(db, sql: "SELECT ? || ?", arguments: ["it's", 2]) }
        #expect(seen.all.contains("SELECT ? || ? | SELECT 'it''s' || 2"))
    }
}

/// Strings from several threads.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    func append(_ kind: SQLError.Kind?) { append(kind.map { "\($0)" } ?? "nil") }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    var sorted: [String] { all.sorted() }
}

/// A loopback port nothing listens on: bound, then closed.
func closedPort() throws -> Int {
    let listener = try SilentListener()
    let port = listener.port
    listener.close()
    return port
}

/// A loopback TCP socket that listens and never accepts.
final class SilentListener: @unchecked Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw SQLError(.other, "cannot listen on loopback") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}
