import Foundation
import GRDB
import LoyaltyCore
import Testing
import TestSupport
@testable import LoyaltyStore

/// Opening a SQLite file: its folder, mode, WAL, a foreign or busy file, migrating an older file.
@Suite(.enabled(if: TestStore.isSQLite, "about SQLite files")) struct OpeningTests {
    @Test func createsParentFoldersAndAnOwnerOnlyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-open-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("deep/er/store.sqlite").path
        let store = try LoyaltyStore(path: path, hasher: .insecureForTests)
        #expect(FileManager.default.fileExists(atPath: path))
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try store.settings().storeName == "Pet Store")
    }

    @Test func migrationsFromEmptyCreateEveryTable() throws {
        let t = try TestStore()
        let tables = try t.dbQueue().read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for name in ["settings", "users", "customers", "pets", "programs", "program_items", "cards", "punches",
                     "points_entries", "points_rewards", "lightspeed_link", "import_runs", "audit_log",
                     "customer_search"] {
            #expect(tables.contains(name), "missing table \(name)")
        }
        let journal = try t.dbQueue().read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
    }

    @Test func reopeningKeepsDataAndDoesNotRemigrate() throws {
        let t = try TestStore()
        try t.store.updateSettings(StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago"), by: TestStore.admin)
        let again = try LoyaltyStore(path: t.store.path, hasher: .insecureForTests)
        #expect(try again.settings().storeName == "Paws")
    }

    @Test func aFileThatIsNotADatabaseIsNamedAsSuch() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("notes.txt").path
        try String(repeating: "hello, this is not sqlite\n", count: 100).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.notADatabase(path: path)) {
            _ = try LoyaltyStore(path: path, hasher: .insecureForTests)
        }
    }

    @Test func aStoreFromANewerProgramIsRefused() throws {
        let t = try TestStore()
        try t.dbQueue().write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        #expect(throws: StoreError.newerThanThisProgram(path: t.store.path)) {
            _ = try LoyaltyStore(path: t.store.path, hasher: .insecureForTests)
        }
    }

    @Test func aStoreHeldByAnotherWriterIsReportedAsBusy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        // Another program holds a write transaction open: our migrations cannot run.
        let holder = try DatabaseQueue(path: path)
        let started = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.write { db in
                try db.execute(sql: "CREATE TABLE other (x)")
                started.signal()
                release.wait()
            }
            done.signal()
        }
        started.wait()
        defer { release.signal(); done.wait() }
        #expect(throws: StoreError.storeBusy(path: path)) {
            _ = try LoyaltyStore(path: path, hasher: .insecureForTests, busyTimeout: 0.2)
        }
    }

    @Test func anOlderStoreIsBroughtUpToDate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ls-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        do {
            let old = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(old, upTo: "v1-audit")
            try old.close()
        }
        let store = try LoyaltyStore(path: path, hasher: .insecureForTests)
        let pool = try #require(store.engine as? SQLiteEngine).pool
        let indexes = try pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        #expect(indexes.contains("customers_by_name") && indexes.contains("punches_by_sale_line"))
        let applied = try pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
        #expect(applied == Set(Schema.migrator.migrations))
    }
}
