import Foundation
import LoyaltyCore

/// A program with its qualifying items, for the admin screens and the redeem picker.
public struct ProgramWithItems: Sendable, Hashable {
    public var program: Program
    public var items: [ProgramItem]
}

/// A UPC's place: its item and the program it belongs to.
public struct QualifyingItem: Sendable, Hashable {
    public var item: ProgramItem
    public var program: Program
}

extension LoyaltyStore {
    /// Creates a program (admin). Its name is unique, N > 0.
    @discardableResult
    public func addProgram(_ program: Program, by op: Operator) throws -> Program {
        try op.require(.managePrograms, "change programs")
        let clean = try Self.validated(program)
        return try write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM programs WHERE lower(name) = lower(?))", arguments: [clean.name]) == true {
                throw StoreError.programNameTaken(clean.name)
            }
            let scope = try Self.storedScope(db, clean.scope)
            let newID = try db.insertedID(sql: """
                INSERT INTO programs (name, manufacturer, punches_required, reward_rule, completion_window_months,
                                      active, created_at, location_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [clean.name, clean.manufacturer, clean.punchesRequired, clean.rewardRule,
                                 clean.completionWindowMonths, clean.active, now(), scope.locationID])
            var created = clean
            created.scope = scope
            created.id = newID
            try audit(db, op, .programAdd, "added program \(clean.name): buy \(clean.punchesRequired) get 1"
                        + (scope == .chain ? "" : ", at \(scope.label) only"),
                      details: ["programID": String(created.id)])
            return created
        }
    }

    /// Changes a program (admin). Changing N re-states the cards in progress (open ↔ complete);
    /// it is refused when a card in progress already holds more than the new N.
    public func updateProgram(_ program: Program, by op: Operator) throws {
        try op.require(.managePrograms, "change programs")
        let clean = try Self.validated(program)
        try write { db in
            let old = try Self.requireProgram(db, program.id)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM programs WHERE lower(name) = lower(?) AND id <> ?)",
                                 arguments: [clean.name, program.id]) == true {
                throw StoreError.programNameTaken(clean.name)
            }
            if clean.punchesRequired != old.punchesRequired {
                let most = try Int.fetchOne(db, sql: """
                    SELECT max((SELECT count(*) FROM punches p WHERE p.card_id = c.id AND p.removed_at IS NULL))
                    FROM cards c WHERE c.program_id = ? AND c.state <> 'redeemed'
                    """, arguments: [program.id]) ?? 0
                guard most <= clean.punchesRequired else {
                    throw StoreError.invalid("A card in progress already has \(Counting.of(most, "punch")): N cannot be \(clean.punchesRequired).")
                }
            }
            let scope = clean.scope.locationID == old.scope.locationID ? old.scope : try Self.storedScope(db, clean.scope)
            try db.execute(sql: """
                UPDATE programs SET name = ?, manufacturer = ?, punches_required = ?, reward_rule = ?,
                    completion_window_months = ?, active = ?, location_id = ? WHERE id = ?
                """, arguments: [clean.name, clean.manufacturer, clean.punchesRequired, clean.rewardRule,
                                 clean.completionWindowMonths, clean.active, scope.locationID, program.id])
            if clean.punchesRequired != old.punchesRequired {
                try db.execute(sql: """
                    UPDATE cards SET
                        state = CASE WHEN (SELECT count(*) FROM punches p WHERE p.card_id = cards.id AND p.removed_at IS NULL) >= ?
                                     THEN 'complete' ELSE 'open' END,
                        completed_at = CASE WHEN (SELECT count(*) FROM punches p WHERE p.card_id = cards.id AND p.removed_at IS NULL) >= ?
                                     THEN coalesce(completed_at, ?) ELSE NULL END
                    WHERE program_id = ? AND state <> 'redeemed'
                    """, arguments: [clean.punchesRequired, clean.punchesRequired, now(), program.id])
            }
            var changes: [String] = []
            if old.name != clean.name { changes.append("name \(old.name) → \(clean.name)") }
            if old.manufacturer != clean.manufacturer { changes.append("manufacturer \(old.manufacturer) → \(clean.manufacturer)") }
            if old.punchesRequired != clean.punchesRequired { changes.append("N \(old.punchesRequired) → \(clean.punchesRequired)") }
            if old.rewardRule != clean.rewardRule { changes.append("reward rule \(old.rewardRule) → \(clean.rewardRule)") }
            if old.completionWindowMonths != clean.completionWindowMonths {
                changes.append("window \(old.completionWindowMonths.map(String.init) ?? "none") → \(clean.completionWindowMonths.map(String.init) ?? "none")")
            }
            if old.active != clean.active { changes.append(clean.active ? "inactive → active" : "active → inactive") }
            if old.scope != scope { changes.append("\(old.scope.label) → \(scope.label)") }
            guard !changes.isEmpty else { return }
            try audit(db, op, .programUpdate, "program \(old.name): " + changes.joined(separator: "; "),
                      details: ["programID": String(program.id)])
        }
    }

    /// Adds a qualifying UPC to a program (admin). A UPC belongs to one program: adding one that another
    /// program has is refused, naming that program; adding one this program already has is refused too,
    /// naming what it is now — changing it is `changeProgramItem`, shown to the admin as old → new first.
    /// Every form of one product (12-digit UPC-A, its 13-digit EAN form) is one UPC here.
    public func addProgramItem(_ item: ProgramItem, by op: Operator) throws {
        try op.require(.managePrograms, "change programs")
        let description = item.description.trimmingCharacters(in: .whitespaces)
        guard !description.isEmpty else { throw StoreError.invalid("The item needs a description.") }
        try write { db in
            let program = try Self.requireProgram(db, item.programID)
            if let existing = try Self.programItem(db, item.upc) {
                guard existing.item.programID == item.programID else {
                    throw StoreError.upcInOtherProgram(upc: item.upc, program: existing.programName)
                }
                throw StoreError.upcAlreadyInProgram(upc: item.upc, program: existing.programName,
                                                     description: existing.item.description, size: existing.item.size)
            }
            try db.execute(sql: "INSERT INTO program_items (upc, program_id, description, size) VALUES (?, ?, ?, ?)",
                           arguments: [item.upc.gtin14, item.programID, description, item.size])
            try audit(db, op, .programItemAdd, "program \(program.name): added \(item.upc.display) \(description)",
                      details: ["programID": String(item.programID), "upc": item.upc.gtin14])
        }
    }

    /// Changes the description or size of a UPC this program already has (admin), audited as old → new.
    /// A UPC of another program, or of none, is refused.
    public func changeProgramItem(_ item: ProgramItem, by op: Operator) throws {
        try op.require(.managePrograms, "change programs")
        let description = item.description.trimmingCharacters(in: .whitespaces)
        guard !description.isEmpty else { throw StoreError.invalid("The item needs a description.") }
        try write { db in
            guard let existing = try Self.programItem(db, item.upc) else { throw StoreError.upcNotInAnyProgram(item.upc) }
            guard existing.item.programID == item.programID else {
                throw StoreError.upcInOtherProgram(upc: item.upc, program: existing.programName)
            }
            let old = existing.item
            guard old.description != description || old.size != item.size else { return }
            try db.execute(sql: "UPDATE program_items SET description = ?, size = ? WHERE upc = ?",
                           arguments: [description, item.size, item.upc.gtin14])
            try audit(db, op, .programItemChange, "program \(existing.programName): changed \(item.upc.display) "
                        + ProgramItemChange(old: old, new: ProgramItem(programID: old.programID, upc: old.upc,
                                                                        description: description, size: item.size)).text,
                      details: ["programID": String(item.programID), "upc": item.upc.gtin14])
        }
    }

    /// The program item a UPC is, with its program's name.
    static func programItem(_ db: any SQLConnection, _ upc: UPC) throws -> (item: ProgramItem, programName: String)? {
        try SQLRow.fetchOne(db, sql: """
            SELECT i.program_id, i.description, i.size, p.name FROM program_items i JOIN programs p ON p.id = i.program_id
            WHERE i.upc = ?
            """, arguments: [upc.gtin14]).map {
            (ProgramItem(programID: $0["program_id"], upc: upc, description: $0["description"], size: $0["size"]),
             $0["name"])
        }
    }

    /// Takes a UPC off its program (admin). Punches already recorded keep it.
    public func removeProgramItem(upc: UPC, by op: Operator) throws {
        try op.require(.managePrograms, "change programs")
        try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: """
                SELECT i.program_id, i.description, p.name FROM program_items i JOIN programs p ON p.id = i.program_id
                WHERE i.upc = ?
                """, arguments: [upc.gtin14]) else { throw StoreError.upcNotInAnyProgram(upc) }
            try db.execute(sql: "DELETE FROM program_items WHERE upc = ?", arguments: [upc.gtin14])
            try audit(db, op, .programItemRemove,
                      "program \(row["name"] as String): removed \(upc.display) \(row["description"] as String)",
                      details: ["programID": String(row["program_id"] as Int64), "upc": upc.gtin14])
        }
    }

    /// Every program with its items, by name. Served from `catalog` while the catalogue's stamp
    /// (migration v7) is unchanged, so that checkout's reload after every scan does not read and
    /// decode 2,000 items again; any write to the programs, from any process, changes the stamp.
    public func programs() throws -> [ProgramWithItems] {
        try read { db in try programs(db) }
    }

    func programs(_ db: any SQLConnection) throws -> [ProgramWithItems] {
        try programs(db, stamp: Self.programCatalogStamp(db))
    }

    /// The catalogue as of `stamp`, read inside the caller's transaction (`checkoutHead` reads it beside the customer).
    func programs(_ db: any SQLConnection, stamp: Int64) throws -> [ProgramWithItems] {
        if let cached = catalog.programs(stamp: stamp) { return cached }
        let programs = try SQLRow.fetchAll(db, sql: "SELECT \(Self.programColumns) FROM programs p ORDER BY p.name")
            .map { Program(row: $0) }
        let items = try SQLRow.fetchAll(db, sql: """
            SELECT program_id, upc, description, size FROM program_items ORDER BY description
            """).map { row in
            ProgramItem(programID: row[0], upc: UPC(uncheckedGTIN14: row[1]), description: row[2], size: row[3])
        }
        let byProgram = Dictionary(grouping: items, by: \.programID)
        let catalogue = programs.map { ProgramWithItems(program: $0, items: byProgram[$0.id] ?? []) }
        catalog.store(catalogue, stamp: stamp)
        return catalogue
    }

    public func program(id: Int64) throws -> ProgramWithItems? {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT \(Self.programColumns) FROM programs p WHERE p.id = ?",
                                                arguments: [id]) else { return nil }
            let items = try SQLRow.fetchAll(db, sql: "SELECT * FROM program_items WHERE program_id = ? ORDER BY description",
                                         arguments: [id]).map(ProgramItem.init(row:))
            return ProgramWithItems(program: Program(row: row), items: items)
        }
    }

    /// The item and program of a UPC, or nil when the UPC is in no program.
    public func item(for upc: UPC) throws -> QualifyingItem? {
        try read { db in try Self.qualifyingItem(db, upc) }
    }

    /// For Import History's matcher: the active program of each of these UPCs and where each line earns, for
    /// a counter at `counter` (nil: the default location).
    public func linePrograms(for upcs: Set<UPC>, at counter: Int64?) throws -> SaleLinePrograms {
        try read { db in try Self.linePrograms(db, upcs: Array(upcs), counter: counter) }
    }

    /// The active program of each of `upcs` that has one, in one statement (the codes bound as one JSON array),
    /// with the store's locations (one more), so that each line earns only where it was sold.
    static func linePrograms(_ db: any SQLConnection, upcs: [UPC], counter: Int64?) throws -> SaleLinePrograms {
        let locations = try allLocations(db)
        var entries: [UPC: SaleLinePrograms.Entry] = [:]
        if !upcs.isEmpty {
            let names = Dictionary(locations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT i.upc, i.program_id, p.location_id FROM program_items i JOIN programs p ON p.id = i.program_id
                WHERE p.active = 1 AND i.upc IN (\(db.dialect.jsonArrayValues))
                """, arguments: [SQLJSONArray.of(upcs.map(\.gtin14).sorted())]) {
                let location: Int64? = row["location_id"]
                entries[UPC(uncheckedGTIN14: row["upc"])] = SaleLinePrograms.Entry(
                    programID: row["program_id"],
                    scope: location.map { .location(id: $0, name: names[$0] ?? "location \($0)") } ?? .chain)
            }
        }
        return SaleLinePrograms(entries: entries, locations: locations, counter: counter)
    }

    static func qualifyingItem(_ db: any SQLConnection, _ upc: UPC) throws -> QualifyingItem? {
        // Prepared once per connection: every scan and every UPC of an import commit asks.
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT i.upc, i.program_id, i.description, i.size, \(Self.programColumns) FROM program_items i
            JOIN programs p ON p.id = i.program_id WHERE i.upc = ?
            """, arguments: [upc.gtin14]) else { return nil }
        return QualifyingItem(item: ProgramItem(row: row), program: Program(row: row, idColumn: "program_id"))
    }

    static func requireProgram(_ db: any SQLConnection, _ id: Int64) throws -> Program {
        try requirePrograms(db, [id])[id]!
    }

    /// The programs of `ids`, by ID, in one statement; an ID of no program is `notFound`.
    static func requirePrograms(_ db: any SQLConnection, _ ids: [Int64]) throws -> [Int64: Program] {
        guard !ids.isEmpty else { return [:] }
        var programs: [Int64: Program] = [:]
        for row in try SQLRow.fetchAll(db, sql: "SELECT \(Self.programColumns) FROM programs p WHERE p.id IN (\(db.dialect.jsonArrayIDs))",
                                       arguments: [SQLJSONArray.of(ids)]) {
            let program = Program(row: row)
            programs[program.id] = program
        }
        if let missing = ids.first(where: { programs[$0] == nil }) { throw StoreError.notFound("Program \(missing)") }
        return programs
    }

    private static func validated(_ program: Program) throws -> Program {
        var clean = program
        clean.name = program.name.trimmingCharacters(in: .whitespaces)
        guard !clean.name.isEmpty else { throw StoreError.invalid("The program needs a name.") }
        guard program.punchesRequired > 0 else { throw StoreError.invalid("A card needs at least 1 punch (N > 0).") }
        if let months = program.completionWindowMonths, months <= 0 {
            throw StoreError.invalid("The completion window is a number of months above 0, or none.")
        }
        return clean
    }
}

extension Program {
    /// From a row of `LoyaltyStore.programColumns` (its scope needs the location's name).
    init(row: SQLRow, idColumn: String = "id") {
        let locationID: Int64? = row["location_id"]
        self.init(id: row[idColumn], name: row["name"], manufacturer: row["manufacturer"],
                  punchesRequired: row["punches_required"], rewardRule: row["reward_rule"],
                  completionWindowMonths: row["completion_window_months"], active: row["active"],
                  scope: locationID.map { .location(id: $0, name: row["location_name"] ?? "location \($0)") } ?? .chain)
    }
}

extension LoyaltyStore {
    /// A program's columns with its location's name (migration v10-locations), for `Program(row:)`; the
    /// programs table is aliased `p`.
    static let programColumns = "p.*, (SELECT l.name FROM locations l WHERE l.id = p.location_id) AS location_name"
}

extension ProgramItem {
    init(row: SQLRow) {
        self.init(programID: row["program_id"], upc: UPC(uncheckedGTIN14: row["upc"]), description: row["description"],
                  size: row["size"])
    }
}
