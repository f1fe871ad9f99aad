import Foundation
@testable import LoyaltyStore

/// A fresh PostgreSQL database for one test, on the server `ASTRO_TEST_DATABASE` names (`scripts/postgres`
/// starts a private one and `scripts/test` exports it). Empty, or (`migrated: true`, what `TestStore` uses) a
/// copy of a template database the store's migrations ran on once per test process: running the migrations
/// for each of several hundred tests would take most of the suite's time, and copying a template is what
/// `CREATE DATABASE` does anyway. Dropped when the last reference goes.
final class PostgresTestDatabase: @unchecked Sendable {
    /// The server's address from the environment, or nil (no PostgreSQL for this run).
    static let serverAddress: PostgresAddress? = {
        guard let url = ProcessInfo.processInfo.environment["ASTRO_TEST_DATABASE"], !url.isEmpty else { return nil }
        return try? PostgresAddress(parsing: url)
    }()

    static var isAvailable: Bool { serverAddress != nil }

    let address: PostgresAddress
    private let admin: PostgresEngine

    init(migrated: Bool = false) throws {
        guard let server = Self.serverAddress else { throw SQLError(.unavailable, "ASTRO_TEST_DATABASE is not set") }
        admin = try PostgresEngine(address: server)
        let name = Self.freshName()
        if migrated {
            let template = try Self.template.get()
            try admin.withConnection(timeout: 60) { db in
                try db.execute(sql: "CREATE DATABASE \(name) TEMPLATE \(template)")
            }
        } else {
            try admin.withConnection(timeout: 60) { db in try db.execute(sql: "CREATE DATABASE \(name)") }
        }
        var address = server
        address.database = name
        self.address = address
    }

    private static func freshName() -> String {
        "astro_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// The migrated template of this test process, made on first use (dropped by the next run's clean-up:
    /// `scripts/test` starts every run on a fresh cluster).
    private static let template: Result<String, any Error> = Result {
        guard let server = serverAddress else { throw SQLError(.unavailable, "ASTRO_TEST_DATABASE is not set") }
        let name = "astro_template_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresEngine(address: server)
        defer { admin.close() }
        try admin.withConnection(timeout: 60) { db in try db.execute(sql: "CREATE DATABASE \(name)") }
        var address = server
        address.database = name
        let engine = try PostgresEngine(address: address)
        try engine.migrate()
        // A template must have no session open while it is copied.
        engine.close()
        return name
    }

    /// An engine on this database (not migrated unless the database was made `migrated`). Without the store's
    /// write lock by default: the engine's own tests write tables of their own.
    func engine(_ options: PostgresEngineOptions = PostgresTestDatabase.bareOptions) throws -> PostgresEngine {
        try PostgresEngine(address: address, options: options)
    }

    static var bareOptions: PostgresEngineOptions {
        var options = PostgresEngineOptions()
        options.writeLock = nil
        return options
    }

    /// Keeps this database (and so its tables) until the test process ends, for tests that hold only its engine.
    func kept() -> PostgresTestDatabase {
        Self.keptLock.lock()
        Self.keptDatabases.append(self)
        Self.keptLock.unlock()
        return self
    }

    nonisolated(unsafe) private static var keptDatabases: [PostgresTestDatabase] = []
    private static let keptLock = NSLock()

    deinit {
        let name = address.database
        try? admin.withConnection { db in try db.execute(sql: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        admin.close()
    }
}
