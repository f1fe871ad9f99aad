import Foundation
import GRDB

/// SQLite copies its write-ahead log back into the store file (a checkpoint) inside whichever commit
/// crosses 1,000 logged pages; that commit then takes twice as long (docs/PERFORMANCE.md: the tail of a
/// 500-punch Import History commit). A counter is idle most of the time, so the counter screen asks for
/// the copy to happen in a quiet moment instead: `delay` after the last write, on a background queue.
/// SQLite's own automatic checkpoint stays as the bound when the counter is never quiet.
final class IdleCheckpoint: @unchecked Sendable {
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "astro-loyalty.idle-checkpoint", qos: .utility)
    private var delay: TimeInterval?
    private var pending: DispatchWorkItem?

    func enable(after delay: TimeInterval) {
        lock.withLock { self.delay = delay }
    }

    /// A write just committed: (re)starts the quiet-time countdown when enabled.
    func wrote(_ store: LoyaltyStore) {
        lock.withLock {
            guard let delay else { return }
            pending?.cancel()
            let work = DispatchWorkItem { [weak store] in _ = try? store?.checkpointNow() }
            pending = work
            queue.asyncAfter(deadline: .now() + delay, execute: work)
        }
    }
}

extension LoyaltyStore {
    /// The counter screen calls this once: from then on the write-ahead log is copied into the file
    /// `delay` seconds after the last write, never inside a cashier's commit when it can be helped.
    public func checkpointWhenIdle(after delay: TimeInterval = 2) {
        idleCheckpoint.enable(after: delay)
    }

    /// Copies what it can of the write-ahead log into the store file now (SQLite's PASSIVE mode: it never
    /// waits for readers, and another process's write simply continues the log). Returns the log's pages
    /// and how many of them are now in the file.
    @discardableResult
    public func checkpointNow() throws -> (logPages: Int, copiedPages: Int) {
        try pool.writeWithoutTransaction { db in
            guard let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(PASSIVE)") else { return (0, 0) }
            return (Int(row[1] as Int64? ?? 0), Int(row[2] as Int64? ?? 0))
        }
    }
}
