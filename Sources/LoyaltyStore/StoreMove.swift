import Foundation

/// What a database holds, as `init` and `db migrate-to` see it before they touch it.
public enum DatabaseContents: Sendable, Hashable {
    /// Nothing a user made: a store may be created or copied there.
    case empty
    /// An Astro Loyalty schema with no user, customer or audit entry: an `init` or a copy that stopped before its
    /// first user (each migration is its own transaction). Treated as empty.
    case emptyStore
    /// An Astro Loyalty store in use.
    case store(customers: Int)
    /// Something else: its relations (`schema.name`), none of which the program touches.
    case foreign(relations: [String])

    /// Whether a store may be created or copied there.
    public var isEmpty: Bool {
        switch self {
        case .empty, .emptyStore: true
        case .store, .foreign: false
        }
    }
}

/// Lets the target's connection into the source's read closure. Safe: the closure runs while the target's
/// transaction waits for it, so the connection is used by one thread at a time, as an engine requires.
private final class HandedConnection: @unchecked Sendable {
    let connection: any SQLConnection
    init(_ connection: any SQLConnection) { self.connection = connection }
}

extension LoyaltyStore {
    /// What the PostgreSQL database at `address` holds, read without creating or changing anything there.
    public static func contents(ofPostgres address: PostgresAddress) throws -> DatabaseContents {
        let engine = try PostgresEngine(address: address)
        defer { engine.close() }
        do {
            return try engine.read { db in try StoreContents.inspect(db) }
        } catch let error as SQLError {
            throw error.kind == .unavailable ? StoreError.serverUnreachable(location: address.description)
                : StoreError.cannotOpen(path: address.description, reason: error.message)
        }
    }

    /// Copies every row of this store into `target`, a store with nothing in it yet (the schema its migrations
    /// made, of the same version): IDs, the audit log and the Lightspeed link kept, sequences moved past the
    /// copied IDs, all in one transaction of the target that commits only when every table's row count and
    /// checksum read back from the target equal what was read from this store (`db migrate-to`). This store is
    /// read in one snapshot and never changed.
    public func copy(into target: LoyaltyStore,
                     progress: @escaping @Sendable (StoreCopyProgress) -> Void = { _ in }) throws -> StoreCopyReport {
        try target.write { targetConnection in
            let handed = HandedConnection(targetConnection)
            return try self.read { source in
                try StoreCopy.copy(from: source, to: handed.connection, progress: progress)
            }
        }
    }
}

enum StoreContents {
    /// The tables every Astro Loyalty store has had since its first migration.
    static let storeTables: Set<String> = ["users", "customers", "programs", "cards", "punches", "audit_log"]

    static func inspect(_ db: any SQLConnection) throws -> DatabaseContents {
        let relations = try StoreCatalog.userRelations(db)
        if relations.isEmpty { return .empty }
        guard storeTables.isSubset(of: Set(try StoreCatalog.dataTables(db))) else { return .foreign(relations: relations) }
        var people = 0
        for table in ["users", "customers", "audit_log"] {
            people += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(StoreCatalog.quoted(table))") ?? 0
        }
        if people == 0 { return .emptyStore }
        return .store(customers: try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") ?? 0)
    }
}

extension LoyaltyStore {
    /// How many tables hold the store's rows (what `init` reports having made).
    public func tableCount() throws -> Int {
        try read { db in try StoreCatalog.dataTables(db).count }
    }
}
