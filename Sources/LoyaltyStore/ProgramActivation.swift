import Foundation
import LoyaltyCore

/// What switching a program on or off touched, so the admin screen can say it in words: an inactive
/// program's UPCs earn no punches (checkout refuses them, Import History skips them, reports leave it
/// out), while the cards already on it keep every punch and a complete card can still be redeemed.
public struct ProgramActivation: Sendable, Hashable {
    public var program: Program
    public var items: Int
    /// Open cards of non-merged customers.
    public var openCards: Int
    /// Complete, not yet redeemed cards (rewards waiting).
    public var completeCards: Int
}

extension LoyaltyStore {
    /// Sets a program active or inactive (admin), audited with what it means for the cards on it. Nothing
    /// on the cards changes; setting the state it already has is refused, naming it.
    @discardableResult
    public func setProgramActive(_ id: Int64, _ active: Bool, by op: Operator) throws -> ProgramActivation {
        try op.require(.managePrograms, "change programs")
        return try write { db in
            var program = try Self.requireProgram(db, id)
            guard program.active != active else {
                throw StoreError.invalid("The program \"\(program.name)\" is already \(active ? "active" : "inactive").")
            }
            try db.execute(sql: "UPDATE programs SET active = ? WHERE id = ?", arguments: [active, id])
            program.active = active
            let items = try Int.fetchOne(db, sql: "SELECT count(*) FROM program_items WHERE program_id = ?",
                                         arguments: [id]) ?? 0
            let counts = try SQLRow.fetchOne(db, sql: """
                SELECT sum(c.state = 'open') AS open, sum(c.state = 'complete') AS complete
                FROM cards c JOIN customers cu ON cu.id = c.customer_id
                WHERE c.program_id = ? AND cu.merged_into IS NULL
                """, arguments: [id])
            let result = ProgramActivation(program: program, items: items,
                                           openCards: counts?["open"] ?? 0, completeCards: counts?["complete"] ?? 0)
            let summary = active
                ? "program \(program.name): inactive → active; its \(Counting.of(items, "UPC")) \(Counting.verb(items, "earns", "earn")) punches again"
                : "program \(program.name): active → inactive; its \(Counting.of(items, "UPC")) \(Counting.verb(items, "earns", "earn")) no punches; "
                    + "\(result.openCards) open and \(result.completeCards) complete cards kept as they are"
            try audit(db, op, .programUpdate, summary, details: ["programID": String(id), "active": String(active)])
            return result
        }
    }
}
