extension LoyaltyStore {
    /// Closes the store: on SQLite, folds the write-ahead log into the main file first, so the file alone holds
    /// the whole store (e.g. before moving a freshly built store into place). Don't use the store afterwards.
    public func close() throws {
        do {
            try engine.close()
        } catch let error as SQLError {
            throw translate(error)
        }
    }

    /// Customers that show in lookup (not merged into another).
    public func customerCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE merged_into IS NULL") ?? 0 }
    }
}
