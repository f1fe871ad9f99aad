import Foundation
import GRDB
import LoyaltyCore

/// The one door to the store's SQLite file. Every write is one intention-named method that
/// runs in one transaction, checks the operator's role and appends to the audit log; every
/// SQL statement of the program lives in this target, always with bound parameters.
///
/// Safe to share between threads: GRDB's `DatabasePool` serializes writes and lets reads run
/// beside them (WAL). Two processes on one file wait for each other (busy timeout) instead of
/// failing with "database is locked".
public final class LoyaltyStore: Sendable {
    /// The file this store was opened on.
    public let path: String
    let pool: DatabasePool
    let now: @Sendable () -> Date
    let hasher: SecretHasher
    /// The decoded program catalogue, reused while its stamp is unchanged (`programs()`).
    let catalog = ProgramCatalogCache()
    /// Told after every committed write (`afterEachWrite`).
    let writeObserver = WriteObserver()
    /// Wrong tries for unknown usernames, answered like a real user's (`authenticate`).
    let signInDecoys = SignInDecoys()

    /// Opens (or creates, owner-only) the store at `path` and brings its schema up to date.
    /// - Parameters:
    ///   - clock: the current time; tests pass a fixed or stepping clock.
    ///   - hasher: how passwords and PINs are hashed; tests pass a cheaper one.
    ///   - busyTimeout: how long a write waits for another process's write.
    ///   - statementTrace: sees every statement the store runs, as written (placeholders) and with its values bound
    ///     (SQLite's expanded SQL), so tests check the statements the program really runs (their query plans,
    ///     that values are bound), not copies of them. Values include secrets' hashes: the program passes none,
    ///     and nothing may log what it sees.
    public init(path: String, clock: @escaping @Sendable () -> Date = { Date() },
                hasher: SecretHasher = .standard, busyTimeout: TimeInterval = 5,
                statementTrace: (@Sendable (_ sql: String, _ expandedSQL: String) -> Void)? = nil) throws {
        self.path = path
        self.now = clock
        self.hasher = hasher
        try Self.prepareFile(at: path)

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "LoyaltyStore"
        configuration.prepareDatabase { db in
            // SQLite's default page cache is 2 MB per connection; a million-customer file is a few GB,
            // and a lookup, a checkout load or a 500-punch import touches index pages scattered over
            // it. 16 MB per reader and 32 MB for the one writer (whose pages every commit rewrites) keep
            // the hot ones (docs/PERFORMANCE.md); a cache fills only as it is used.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -32768")
            if let statementTrace {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { statementTrace(statement.sql, statement.expandedSQL) }
                }
            }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerThanThisProgram(path: path)
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw Self.openingError(error, path: path)
        }
        self.pool = pool
        try Self.restrictPermissions(of: path)
    }

    /// Creates the parent folders and an empty owner-only file, so that SQLite never creates the
    /// store (or its WAL companions, which copy the file's mode) readable by others.
    private static func prepareFile(at path: String) throws {
        let url = URL(fileURLWithPath: path)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
        }
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the file (check the folder's permissions)")
            }
        }
    }

    private static func restrictPermissions(of path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    private static func openingError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: .storeBusy(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            .cannotOpen(path: path, reason: "the file cannot be opened for writing (check its permissions)")
        default: .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs `body` as one write transaction and turns SQLite constraint failures into
    /// `StoreError`s a cashier can read.
    ///
    /// SQLite's busy handler is not fair: a counter that keeps writing can win the lock again and again
    /// while another one polls, so a write can run out its busy timeout on a busy store. The transaction
    /// rolled back whole, so it is simply run again (twice more, after a short random pause) before the
    /// cashier is told the store is busy.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                let result = try pool.write(body)
                writeObserver.wrote()
                return result
            } catch let error as DatabaseError where Self.isBusy(error) && attempt < Self.writeAttempts {
                attempt += 1
                usleep(useconds_t.random(in: 5_000...50_000))
            } catch let error as DatabaseError {
                throw Self.translate(error)
            }
        }
    }

    static let writeAttempts = 3

    static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.translate(error)
        }
    }

    static func translate(_ error: DatabaseError) -> Error {
        let message = error.message ?? ""
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.invalid("The store is busy with another counter; try again.")
        case .SQLITE_CONSTRAINT:
            if message.contains("card is full or redeemed") {
                return StoreError.invalid("That card is full or redeemed.")
            }
            if message.contains("append-only") { return StoreError.invalid("The audit log cannot be changed.") }
            if message.contains("punches_one_per_sale_line_unit") || message.contains("punches.sale_line_id") {
                return StoreError.alreadyRecorded("That Lightspeed sale line")
            }
            if message.contains("points_entries.sale_id") {
                return StoreError.alreadyRecorded("Points for that sale")
            }
            return StoreError.invalid("The store refused the change: \(message)")
        default:
            return error
        }
    }
}
