import Foundation
import LoyaltyCore

/// The one door to the store. Every write is one intention-named method that runs in one transaction,
/// checks the operator's role and appends to the audit log; every SQL statement of the program lives in this
/// target, always with bound parameters, and runs through the engine-neutral seam (`SQLConnection`): on a
/// SQLite file (`SQLiteEngine`, the embedded default) or on a PostgreSQL server.
///
/// Safe to share between threads: the engine serializes writes and lets reads run beside them.
public final class LoyaltyStore: Sendable {
    /// The file this store was opened on (SQLite); a PostgreSQL store's address without its password.
    public let path: String
    /// Where the store is, for messages: the file, or the server and database (never a password).
    public var location: String { engine.displayLocation }
    let engine: any SQLEngine
    let now: @Sendable () -> Date
    let hasher: SecretHasher
    /// The decoded program catalogue, reused while its stamp is unchanged (`programs()`).
    let catalog = ProgramCatalogCache()
    /// The decoded settings, locations and points rewards, reused while their stamp is unchanged (`checkoutSnapshot`).
    let configurationCache = ConfigurationCache()
    /// Told after every committed write (`afterEachWrite`).
    let writeObserver = WriteObserver()
    /// Wrong tries for unknown usernames, answered like a real user's (`authenticate`).
    let signInDecoys = SignInDecoys()

    /// Opens (or creates, owner-only) the SQLite store at `path` and brings its schema up to date.
    /// - Parameters:
    ///   - clock: the current time; tests pass a fixed or stepping clock.
    ///   - hasher: how passwords and PINs are hashed; tests pass a cheaper one.
    ///   - busyTimeout: how long a write waits for another process's write.
    ///   - statementTrace: sees every statement the store runs, as written (placeholders) and with its values bound
    ///     (SQLite's expanded SQL), so tests check the statements the program really runs (their query plans,
    ///     that values are bound), not copies of them. Values include secrets' hashes: the program passes none,
    ///     and nothing may log what it sees.
    public convenience init(path: String, clock: @escaping @Sendable () -> Date = { Date() },
                            hasher: SecretHasher = .standard, busyTimeout: TimeInterval = 5,
                            statementTrace: (@Sendable (_ sql: String, _ expandedSQL: String) -> Void)? = nil) throws {
        try self.init(engine: SQLiteEngine(path: path, busyTimeout: busyTimeout, statementTrace: statementTrace),
                      clock: clock, hasher: hasher)
    }

    /// A store on an engine whose schema is already up to date (the engine's initializer migrates it).
    init(engine: any SQLEngine, clock: @escaping @Sendable () -> Date = { Date() }, hasher: SecretHasher = .standard) {
        self.engine = engine
        self.path = engine.displayLocation
        self.now = clock
        self.hasher = hasher
    }

    /// The SQLite engine, for what only SQLite does (backup, integrity check, bulk load); on another engine the
    /// store refuses with `otherwise`, which says how it is done there.
    func sqliteEngine(otherwise: @autoclosure () -> String) throws -> SQLiteEngine {
        guard let sqlite = engine as? SQLiteEngine else { throw StoreError.invalid(otherwise()) }
        return sqlite
    }

    /// Runs `body` as one write transaction and turns the engine's refusals into `StoreError`s a cashier can read.
    ///
    /// Another writer can get in the way (SQLite's busy handler is not fair: a counter that keeps writing can win
    /// the lock again and again while another one polls; PostgreSQL aborts one of two SERIALIZABLE transactions
    /// that touched the same card, the other one commits). The transaction rolled back whole, so it is simply run
    /// again after a short random pause, growing with each try, for up to `conflictPatience` — two counters
    /// punching the same customer every moment still both land — before the cashier is told the store is busy.
    /// The patience counts from the first conflict, not from the start: SQLite reports one only after its busy
    /// handler has waited its timeout, and that handler is the unfair part (a loaded machine starved one of two
    /// counters for its whole 5 s, in the store suite run beside everything else); the random pauses are not.
    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
        var firstConflict: Date?
        var attempt = 0
        while true {
            do {
                let result = try engine.write(body)
                writeObserver.wrote()
                return result
            } catch let error as SQLError where error.kind == .conflict
                        && Date().timeIntervalSince(firstConflict ?? Date()) < Self.conflictPatience {
                if firstConflict == nil { firstConflict = Date() }
                attempt += 1
                let ceiling = min(100_000, 2_000 << min(attempt, 6))
                usleep(useconds_t.random(in: 1_000...useconds_t(ceiling)))
            } catch let error as SQLError {
                throw translate(error)
            }
        }
    }

    /// How long a write keeps being run again after conflicts with other counters' writes.
    static let conflictPatience: TimeInterval = 5

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
        do {
            return try engine.read(body)
        } catch let error as SQLError {
            throw translate(error)
        }
    }

    /// The one place an engine's refusal becomes the sentence a cashier reads.
    func translate(_ error: SQLError) -> Error {
        let message = error.message
        switch error.kind {
        case .conflict:
            return StoreError.invalid("The store is busy with another counter; try again.")
        case .unavailable:
            return StoreError.serverUnreachable(location: engine.displayLocation)
        case .constraint:
            if message.contains("card is full or redeemed") {
                return StoreError.invalid("That card is full or redeemed.")
            }
            if message.contains("append-only") { return StoreError.invalid("The audit log cannot be changed.") }
            if message.contains("punches_one_per_sale_line_unit") || message.contains("punches.sale_line_id") {
                return StoreError.alreadyRecorded("That Lightspeed sale line")
            }
            // SQLite names the column of a unique index, PostgreSQL the index.
            if message.contains("points_entries.sale_id") || message.contains("points_earned_once_per_sale")
                || message.contains("points_refunded_once_per_sale") {
                return StoreError.alreadyRecorded("Points for that sale")
            }
            return StoreError.invalid("The store refused the change: \(message)")
        case .other:
            return error
        }
    }
}
