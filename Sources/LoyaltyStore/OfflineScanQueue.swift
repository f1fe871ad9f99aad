import Foundation
internal import GRDB
import LoyaltyCore

extension QueuedScan {
    /// Who made the scan and where, as the store's writes take it (the role is checked again when it is recorded).
    public var op: Operator { Operator(username: username, role: role, location: locationID) }
}

/// The counter's durable queue of scans made while the store's server was unreachable: a small SQLite file of
/// its own on the counter (beside the config and log, owner-only), never the store. An append is committed
/// with `synchronous = FULL` before it returns, so a scan the cashier was told is "kept" survives a crash or
/// a power cut.
public final class OfflineScanQueue: Sendable {
    public let path: String
    private let queue: DatabaseQueue

    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
        }
        if !manager.fileExists(atPath: path),
           !manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) {
            throw StoreError.cannotOpen(path: path, reason: "cannot create the file (check the folder's permissions)")
        }
        var configuration = Configuration()
        configuration.label = "OfflineScanQueue"
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // Durable before "kept" is shown; the journal (rollback, not WAL) keeps to one file beside it.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-queued-scans") { db in
            try db.execute(sql: """
                CREATE TABLE queued_scans (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    scan_id TEXT NOT NULL UNIQUE,
                    customer_id INTEGER NOT NULL,
                    upc TEXT NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 999),
                    scanned_at REAL NOT NULL,
                    local_date TEXT,
                    username TEXT NOT NULL,
                    role TEXT NOT NULL,
                    counter TEXT,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    refusal TEXT
                )
                """)
        }
        migrator.registerMigration("v2-queued-scan-location") { db in
            try db.execute(sql: "ALTER TABLE queued_scans ADD COLUMN location_id INTEGER")
        }
        return migrator
    }

    /// Keeps `scan` (its `id` is ignored) and returns it with its queue number. Committed when it returns.
    @discardableResult
    public func append(_ scan: QueuedScan) throws -> QueuedScan {
        try write { db in
            let id = try Int64.fetchOne(db, sql: """
                INSERT INTO queued_scans (scan_id, customer_id, upc, quantity, scanned_at, local_date, username, role,
                                          counter, location_id, attempts, last_error, refusal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [scan.scanID.uuidString, scan.customerID, scan.upc.gtin14, scan.quantity,
                                 scan.scannedAt.timeIntervalSince1970, scan.localDate?.iso, scan.username,
                                 scan.role.rawValue, scan.counter, scan.locationID, scan.attempts, scan.lastError,
                                 scan.refusal])
            var kept = scan
            kept.id = id ?? 0
            return kept
        }
    }

    /// Every kept scan, oldest first (waiting and refused).
    public func all() throws -> [QueuedScan] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM queued_scans ORDER BY id").map(Self.scan) }
    }

    /// The scans to record, oldest first (refused ones wait for a manager).
    public func waiting() throws -> [QueuedScan] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM queued_scans WHERE refusal IS NULL ORDER BY id").map(Self.scan)
        }
    }

    public func scan(id: Int64) throws -> QueuedScan? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM queued_scans WHERE id = ?", arguments: [id]).map(Self.scan) }
    }

    public func counts() throws -> QueueCounts {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT count(*) FILTER (WHERE refusal IS NULL) AS waiting, count(*) FILTER (WHERE refusal IS NOT NULL) AS refused
                FROM queued_scans
                """)
            return QueueCounts(waiting: row?["waiting"] ?? 0, refused: row?["refused"] ?? 0)
        }
    }

    /// A try that did not reach the store (or failed for no known reason): counted, the error kept.
    public func noteAttempt(id: Int64, error: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE queued_scans SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                           arguments: [error, id])
        }
    }

    /// The store refused it: it stays, marked, until a manager retries or discards it.
    public func markRefused(id: Int64, reason: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE queued_scans SET attempts = attempts + 1, last_error = ?, refusal = ? WHERE id = ?",
                           arguments: [reason, reason, id])
        }
    }

    /// A manager asks to try a refused scan again (after switching the program back on…).
    public func clearRefusal(id: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE queued_scans SET refusal = NULL WHERE id = ?", arguments: [id])
            guard db.changesCount == 1 else { throw StoreError.notFound("Kept scan \(id)") }
        }
    }

    /// Takes a scan out of the queue (recorded, or discarded by a manager); returns what it was.
    @discardableResult
    public func remove(id: Int64) throws -> QueuedScan {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM queued_scans WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("Kept scan \(id)")
            }
            try db.execute(sql: "DELETE FROM queued_scans WHERE id = ?", arguments: [id])
            return Self.scan(row)
        }
    }

    private static func scan(_ row: Row) -> QueuedScan {
        QueuedScan(id: row["id"], scanID: UUID(uuidString: row["scan_id"]) ?? UUID(), customerID: row["customer_id"],
                   upc: UPC(uncheckedGTIN14: row["upc"]), quantity: row["quantity"],
                   scannedAt: Date(timeIntervalSince1970: row["scanned_at"]),
                   localDate: (row["local_date"] as String?).flatMap(LocalDate.init(iso:)), username: row["username"],
                   role: Role(rawValue: row["role"]) ?? .cashier, counter: row["counter"],
                   locationID: row["location_id"], attempts: row["attempts"],
                   lastError: row["last_error"], refusal: row["refusal"])
    }

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.write(body) } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
