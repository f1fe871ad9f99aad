import Foundation
import LoyaltyCore

/// A batch of program items refused as a whole: each bad item's position in the batch and why.
public struct ProgramItemsRefused: Error, Sendable, Hashable {
    public struct Refusal: Sendable, Hashable {
        public var index: Int
        public var reason: String
    }
    public var refusals: [Refusal]
}

extension LoyaltyStore {
    /// Adds many UPCs to one program in one transaction (a CSV import): every item is checked first
    /// (a description, no UPC of another program — named), and when any is refused nothing is written.
    /// A line for a UPC the program already has changes it: never silently — each change is returned
    /// (old → new, for the admin's result line) and audited as a change.
    @discardableResult
    public func addProgramItems(_ items: [ProgramItem], by op: Operator) throws -> [ProgramItemChange] {
        try op.require(.managePrograms, "change programs")
        guard let programID = items.first?.programID else { return [] }
        return try write { db in
            let program = try Self.requireProgram(db, programID)
            var refusals: [ProgramItemsRefused.Refusal] = []
            for (index, item) in items.enumerated() {
                if item.programID != programID {
                    refusals.append(.init(index: index, reason: "belongs to another batch"))
                } else if item.description.trimmingCharacters(in: .whitespaces).isEmpty {
                    refusals.append(.init(index: index, reason: "The item needs a description."))
                } else if let owner = try String.fetchOne(db, sql: """
                    SELECT p.name FROM program_items i JOIN programs p ON p.id = i.program_id
                    WHERE i.upc = ? AND i.program_id <> ?
                    """, arguments: [item.upc.gtin14, programID]) {
                    refusals.append(.init(index: index,
                                          reason: StoreError.upcInOtherProgram(upc: item.upc, program: owner).description))
                }
            }
            guard refusals.isEmpty else { throw ProgramItemsRefused(refusals: refusals) }
            var changes: [ProgramItemChange] = []
            for item in items {
                let clean = ProgramItem(programID: programID, upc: item.upc,
                                        description: item.description.trimmingCharacters(in: .whitespaces), size: item.size)
                if let old = try Self.programItem(db, item.upc)?.item {
                    let change = ProgramItemChange(old: old, new: clean)
                    if change.changesSomething {
                        changes.append(change)
                        try audit(db, op, .programItemChange,
                                  "program \(program.name): changed \(item.upc.display) \(change.text) (imported)",
                                  details: ["programID": String(programID), "upc": item.upc.gtin14])
                    }
                }
                try db.execute(sql: """
                    INSERT INTO program_items (upc, program_id, description, size) VALUES (?, ?, ?, ?)
                    ON CONFLICT (upc) DO UPDATE SET description = excluded.description, size = excluded.size
                    """, arguments: [item.upc.gtin14, programID,
                                     item.description.trimmingCharacters(in: .whitespaces), item.size])
            }
            try audit(db, op, .programItemAdd, "program \(program.name): imported \(Counting.of(items.count, "UPC"))",
                      details: ["programID": String(programID), "count": String(items.count)])
            return changes
        }
    }
}
