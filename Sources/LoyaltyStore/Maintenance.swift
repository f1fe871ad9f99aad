import Foundation
internal import GRDB
import LoyaltyCore

extension LoyaltyStore {
    /// Copies the store to `destination` with SQLite's online backup, while counters keep
    /// working: the copy is consistent and created owner-only. Refuses to overwrite a file.
    public func backup(to destination: String, by op: Operator? = nil) throws {
        let sqlite = try sqliteEngine(otherwise: "A PostgreSQL store is backed up with pg_dump, not by the program.")
        let manager = FileManager.default
        guard !manager.fileExists(atPath: destination) else {
            throw StoreError.invalid("\(destination) already exists; choose a new file name for the backup.")
        }
        let url = URL(fileURLWithPath: destination)
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: destination, reason: "cannot create its folder")
        }
        guard manager.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError.cannotOpen(path: destination, reason: "cannot create the backup file")
        }
        do {
            let copy = try DatabaseQueue(path: destination)
            try sqlite.pool.backup(to: copy)
            try copy.close()
        } catch {
            try? manager.removeItem(atPath: destination)
            throw error
        }
        for suffix in ["-wal", "-shm", "-journal"] where manager.fileExists(atPath: destination + suffix) {
            try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: destination + suffix)
        }
        if let op {
            try write { db in try audit(db, op, .backup, "backed up the store to \(destination)") }
        }
    }

    /// SQLite's integrity and foreign-key checks; an empty list means the store is sound.
    public func integrityCheck() throws -> [String] {
        _ = try sqliteEngine(otherwise: "A PostgreSQL store is checked with pg_amcheck, not by the program.")
        return try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let foreignKeys = try SQLRow.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
                "row \(row[1] as Int64? ?? 0) of \(row[0] as String? ?? "?") points to a missing \(row[2] as String? ?? "?")"
            }
            return integrity + foreignKeys
        }
    }
}
