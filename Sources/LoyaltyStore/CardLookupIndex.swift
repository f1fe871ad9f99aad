

extension Schema {
    /// Migration v5: a customer's open and complete cards of one program (where a counter purchase lands,
    /// and what Import History's commit fills) were found through `cards_by_program`, that is among every
    /// card of the program: 36,000 of them at a million customers, which made a 500-punch import commit
    /// take 0.9 s in the benchmark (docs/PERFORMANCE.md). With this index the query reads only the
    /// customer's own cards of that program.
    static func createCardsByCustomerProgram(_ db: any SQLConnection) throws {
        try db.execute(sql: "CREATE INDEX cards_by_customer_program ON cards(customer_id, program_id, state)")
    }
}
