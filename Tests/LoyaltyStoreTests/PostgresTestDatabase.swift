import Foundation
@testable import LoyaltyStore

/// A fresh, empty PostgreSQL database for one test, on the server `ASTRO_TEST_DATABASE` names
/// (`scripts/postgres` starts a private one and exports it). Tests that need one are enabled only when it is set.
final class PostgresTestDatabase: @unchecked Sendable {
    /// The server's address from the environment, or nil (no PostgreSQL for this run).
    static let serverAddress: PostgresAddress? = {
        guard let url = ProcessInfo.processInfo.environment["ASTRO_TEST_DATABASE"], !url.isEmpty else { return nil }
        return try? PostgresAddress(parsing: url)
    }()

    static var isAvailable: Bool { serverAddress != nil }

    let address: PostgresAddress
    private let admin: PostgresEngine

    init() throws {
        guard let server = Self.serverAddress else { throw SQLError(.unavailable, "ASTRO_TEST_DATABASE is not set") }
        admin = try PostgresEngine(address: server)
        let name = "astro_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try admin.withConnection { db in try db.execute(sql: "CREATE DATABASE \(name)") }
        var address = server
        address.database = name
        self.address = address
    }

    /// An engine on this database (not migrated).
    func engine(_ options: PostgresEngineOptions = PostgresEngineOptions()) throws -> PostgresEngine {
        try PostgresEngine(address: address, options: options)
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
