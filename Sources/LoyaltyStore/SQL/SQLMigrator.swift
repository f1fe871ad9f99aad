/// Brings a database's schema up to date with a list of named migrations, on any engine's connection: each
/// migration runs in its own transaction with the row that records it in `grdb_migrations` (GRDB's table, so
/// SQLite files written before the seam read the same). A database holding an identifier this program does not
/// know was written by a newer program and is refused, before anything is changed.
enum SQLMigrator {
    typealias Migration = Schema.Migration

    /// Runs the missing migrations of `migrations` on `db`, which is outside any transaction. The caller keeps
    /// other processes out meanwhile (PostgreSQL: an advisory lock; SQLite: the file's write lock).
    static func migrate(_ db: any SQLConnection, _ migrations: [Migration], location: String) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        let known = Set(migrations.map(\.identifier))
        if !applied.isSubset(of: known) { throw StoreError.newerThanThisProgram(path: location) }
        for migration in migrations where !applied.contains(migration.identifier) {
            try db.execute(sql: "BEGIN")
            do {
                try migration.body(db)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
                try db.execute(sql: "COMMIT")
            } catch {
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
        }
    }

    /// The identifiers recorded in the database, in the order they were applied.
    static func appliedIdentifiers(_ db: any SQLConnection) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
    }
}

extension PostgresEngine {
    /// Runs the PostgreSQL migrations under an advisory lock, so that two counters starting at once on an empty
    /// database do not both create the tables (the second waits, then finds them recorded).
    func migrate(_ migrations: [SQLMigrator.Migration] = Schema.migrations(for: .postgresql)) throws {
        try withConnection(timeout: Self.migrationTimeout) { db in
            // The store's own key for this lock: "astroloy" in ASCII.
            try db.execute(sql: "SELECT pg_advisory_lock(4715269726305708409)")
            defer { try? db.execute(sql: "SELECT pg_advisory_unlock(4715269726305708409)") }
            try SQLMigrator.migrate(db, migrations, location: displayLocation)
        }
    }

    /// Schema changes on a big database (an index over a million customers) take longer than a counter's
    /// statements are allowed.
    static let migrationTimeout: Double = 120
}
