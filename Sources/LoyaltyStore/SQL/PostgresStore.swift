import Foundation

extension LoyaltyStore {
    /// Opens the store in the PostgreSQL database at `address` and brings its schema up to date (the same
    /// migrations as a SQLite file's, under the same identifiers; a database written by a newer program is
    /// refused before anything is changed). The password comes from `PGPASSWORD` or the password file, never
    /// from the address.
    public convenience init(postgres address: PostgresAddress, clock: @escaping @Sendable () -> Date = { Date() },
                            hasher: SecretHasher = .standard,
                            options: PostgresEngineOptions = PostgresEngineOptions()) throws {
        let engine: PostgresEngine
        do {
            engine = try PostgresEngine(address: address, options: options)
            try engine.migrate()
        } catch let error as SQLError {
            throw Self.openingError(error, location: address.description)
        }
        self.init(engine: engine, clock: clock, hasher: hasher)
    }

    /// Why a PostgreSQL store could not be opened, in the store's terms.
    static func openingError(_ error: SQLError, location: String) -> StoreError {
        error.kind == .unavailable ? .serverUnreachable(location: location)
            : .cannotOpen(path: location, reason: error.message)
    }
}
