import Foundation
internal import GRDB

/// Told after every committed write (the counter screen schedules its quiet-time checkpoint with it).
final class WriteObserver: @unchecked Sendable {
    private let lock = NSLock()
    private var hook: (@Sendable () -> Void)?

    func set(_ newHook: @escaping @Sendable () -> Void) { lock.withLock { hook = newHook } }
    func wrote() { lock.withLock { hook }?() }
}

extension LoyaltyStore {
    /// Calls `hook` after every write that committed (on the writing thread, after the commit). The counter
    /// screen uses it to copy the write-ahead log into the file when it has been quiet for a moment
    /// (`checkpointWhenIdle` in LoyaltyFeatures); the store itself decides nothing about timing.
    public func afterEachWrite(_ hook: @escaping @Sendable () -> Void) {
        writeObserver.set(hook)
    }

    /// Copies what it can of the write-ahead log into the store file now (SQLite's PASSIVE mode: it never
    /// waits for readers, and another process's write simply continues the log). Returns the log's pages
    /// and how many of them are now in the file. A PostgreSQL store has no such log to fold (the server
    /// checkpoints on its own): nothing to do, (0, 0).
    @discardableResult
    public func checkpointNow() throws -> (logPages: Int, copiedPages: Int) {
        guard let sqlite = engine as? SQLiteEngine else { return (0, 0) }
        do {
            return try sqlite.writeWithoutTransaction { db in
                guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return (0, 0) }
                return (Int(row[1] as Int64? ?? 0), Int(row[2] as Int64? ?? 0))
            }
        } catch let error as SQLError {
            throw translate(error)
        }
    }
}
