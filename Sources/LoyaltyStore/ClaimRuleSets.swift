import Foundation
import LoyaltyCore

/// One line of a manufacturer's UPC list (the CSV import): the item for the program's list and its
/// entry in the program's claim rules.
public struct ClaimItemImport: Sendable, Hashable {
    public var item: ProgramItem
    public var rule: ClaimItemRule
    /// The line number in the file, for a refusal.
    public var line: Int
    public init(item: ProgramItem, rule: ClaimItemRule, line: Int) {
        self.item = item
        self.rule = rule
        self.line = line
    }
}

extension LoyaltyStore {
    /// Saves a program's claim rules as its next version (admin). Versions are never changed, so every
    /// claim keeps the rules its card was earned under.
    @discardableResult
    public func saveClaimRules(program programID: Int64, _ rules: ClaimRules, by op: Operator) throws -> ClaimRuleSet {
        try op.require(.managePrograms, "change a program's claim rules")
        let clean: ClaimRules
        do throws(ClaimRulesProblem) { clean = try rules.validated() } catch { throw StoreError.claimRules(error) }
        return try write { db in
            let program = try Self.requireProgram(db, programID)
            let set = try insertRuleSet(db, program: program, clean, by: op)
            try audit(db, op, .claimRules, "program \(program.name): claim rules version \(set.version) "
                        + "(distributor \(clean.distributor) #\(clean.distributorAccount), \(clean.items.count) UPCs, "
                        + "deadline \(clean.claimDeadlineDays) days)",
                      details: ["programID": String(programID), "version": String(set.version)])
            return set
        }
    }

    /// A manufacturer's UPC list (admin), all or nothing: every item joins the program's list (or has its
    /// description and size updated) and the program's claim rules get a new version whose items are
    /// these lines (other settings kept). Needs rules to exist already (the distributor is set first).
    @discardableResult
    public func importClaimItems(program programID: Int64, _ lines: [ClaimItemImport], by op: Operator) throws -> ClaimRuleSet {
        try op.require(.managePrograms, "change a program's claim rules")
        guard !lines.isEmpty else { throw StoreError.invalid("The file has no items.") }
        return try write { db in
            let program = try Self.requireProgram(db, programID)
            guard var rules = try Self.ruleSets(db, program: programID).last?.rules else {
                throw StoreError.invalid("Set \(program.name)'s distributor and account number first "
                                         + "(astro-loyalty rules set), then import its UPC list.")
            }
            var refusals: [String] = []
            for line in lines {
                if let owner = try SQLRow.fetchOne(db, sql: """
                    SELECT p.id, p.name FROM program_items i JOIN programs p ON p.id = i.program_id WHERE i.upc = ?
                    """, arguments: [line.item.upc.gtin14]), (owner["id"] as Int64) != programID {
                    refusals.append("line \(line.line): \(line.item.upc.display) belongs to \"\(owner["name"] as String)\"")
                }
            }
            guard refusals.isEmpty else { throw StoreError.invalid("Nothing imported: " + refusals.joined(separator: "; ") + ".") }
            for line in lines {
                try db.execute(sql: """
                    INSERT INTO program_items (upc, program_id, description, size) VALUES (?, ?, ?, ?)
                    ON CONFLICT (upc) DO UPDATE SET description = excluded.description, size = excluded.size
                    """, arguments: [line.item.upc.gtin14, programID, line.item.description, line.item.size])
            }
            rules.items = lines.map(\.rule)
            let clean: ClaimRules
            do throws(ClaimRulesProblem) { clean = try rules.validated() } catch { throw StoreError.claimRules(error) }
            let set = try insertRuleSet(db, program: program, clean, by: op)
            try audit(db, op, .claimRules, "program \(program.name): imported \(lines.count) UPCs with sizes; "
                        + "claim rules version \(set.version)",
                      details: ["programID": String(programID), "version": String(set.version),
                                "upcs": String(lines.count)])
            return set
        }
    }

    /// Every version of a program's claim rules, oldest first.
    public func claimRuleSets(program programID: Int64) throws -> [ClaimRuleSet] {
        try read { db in try Self.ruleSets(db, program: programID) }
    }

    /// The newest rules of every program that has some, by program ID (the checkout's redeem check).
    public func currentClaimRules() throws -> [Int64: ClaimRuleSet] {
        try read { db in
            var result: [Int64: ClaimRuleSet] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT * FROM claim_rule_sets r WHERE version = (SELECT max(version) FROM claim_rule_sets WHERE program_id = r.program_id)
                """) {
                let set = try Self.ruleSet(row)
                result[set.programID] = set
            }
            return result
        }
    }

    func insertRuleSet(_ db: any SQLConnection, program: Program, _ rules: ClaimRules, by op: Operator) throws -> ClaimRuleSet {
        let version = (try Int.fetchOne(db, sql: "SELECT max(version) FROM claim_rule_sets WHERE program_id = ?",
                                        arguments: [program.id]) ?? 0) + 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(rules), as: UTF8.self)
        let at = now()
        let newID = try db.insertedID(sql: """
            INSERT INTO claim_rule_sets (program_id, version, distributor, rules_json, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?) RETURNING id
            """, arguments: [program.id, version, rules.distributor, json, at, op.username])
        return ClaimRuleSet(id: newID, programID: program.id, version: version, createdAt: at,
                            createdBy: op.username, rules: rules)
    }

    static func ruleSets(_ db: any SQLConnection, program: Int64) throws -> [ClaimRuleSet] {
        try SQLRow.fetchAll(db, sql: "SELECT * FROM claim_rule_sets WHERE program_id = ? ORDER BY version",
                         arguments: [program]).map(ruleSet)
    }

    static func ruleSet(_ row: SQLRow) throws -> ClaimRuleSet {
        let rules = try JSONDecoder().decode(ClaimRules.self, from: Data((row["rules_json"] as String).utf8))
        return ClaimRuleSet(id: row["id"], programID: row["program_id"], version: row["version"],
                            createdAt: row["created_at"], createdBy: row["created_by"], rules: rules)
    }
}
