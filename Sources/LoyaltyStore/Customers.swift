import Foundation
import LoyaltyCore

extension LoyaltyStore {
    /// Adds a customer from the form's values (normalized by Core's `CustomerRules`), with pets.
    /// Does not refuse duplicates: call `duplicateCandidates(for:)` first and let the cashier choose.
    @discardableResult
    public func addCustomer(_ draft: CustomerDraft, notes: String = "", pets: [Pet] = [],
                            by op: Operator) throws -> Customer {
        try op.require(.addCustomer, "add customers")
        let input = try Self.normalize(draft)
        let created = now()
        return try write { db in
            let id = try db.insertedID(sql: """
                INSERT INTO customers (first_name, last_name, phone, email, notes, created_at,
                                       first_key, last_key, search_name, phone_reversed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: Self.customerArguments(input, notes: notes, created: created))
            for pet in pets { try Self.insertPet(db, customerID: id, pet) }
            try audit(db, op, .customerAdd, customer: id,
                      "added customer \(input.firstName) \(input.lastName)"
                        + (pets.isEmpty ? "" : " with \(pets.map(\.name).joined(separator: ", "))"),
                      details: ["phone": input.phone ?? "", "email": input.email ?? ""])
            return Customer(id: id, firstName: input.firstName, lastName: input.lastName, phone: input.phone,
                            email: input.email, notes: notes, createdAt: created)
        }
    }

    /// Adds many customers in one transaction (demo store, migrations from another system,
    /// benchmarks), with one audit entry for the batch. Returns their IDs in input order.
    @discardableResult
    public func addCustomers(_ drafts: [CustomerDraft], by op: Operator) throws -> [Int64] {
        try op.require(.addCustomer, "add customers")
        let inputs = try drafts.map(Self.normalize)
        let created = now()
        return try write { db in
            let statement = """
                INSERT INTO customers (first_name, last_name, phone, email, notes, created_at,
                                       first_key, last_key, search_name, phone_reversed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """
            var ids: [Int64] = []
            ids.reserveCapacity(inputs.count)
            for input in inputs {
                ids.append(try db.insertedID(sql: statement, arguments: Self.customerArguments(input, notes: "", created: created)))
            }
            try audit(db, op, .customerAdd, "added \(inputs.count) customers at once",
                      details: ["count": String(inputs.count)])
            return ids
        }
    }

    /// Changes a customer's names, phone, email and notes. Audited as "field old → new".
    /// `addingPets` are saved in the same transaction, so an edit is all there or not at all.
    public func updateCustomer(_ id: Int64, _ draft: CustomerDraft, notes: String, addingPets pets: [Pet] = [],
                               by op: Operator) throws {
        try op.require(.editCustomer, "edit customers")
        let input = try Self.normalize(draft)
        let pets = pets.map { Pet(name: $0.name.trimmingCharacters(in: .whitespaces), species: $0.species) }
        guard pets.allSatisfy({ !$0.name.isEmpty }) else { throw StoreError.invalid("The pet needs a name.") }
        try write { db in
            let old = try Self.requireActiveCustomer(db, id)
            var changes: [String] = []
            func note(_ label: String, _ a: String?, _ b: String?) {
                if a != b { changes.append("\(label) \(a ?? "(none)") → \(b ?? "(none)")") }
            }
            note("first name", old.firstName, input.firstName)
            note("last name", old.lastName, input.lastName)
            note("phone", old.phone, input.phone)
            note("email", old.email, input.email)
            note("notes", old.notes, notes)
            for pet in pets {
                try Self.insertPet(db, customerID: id, pet)
                changes.append("pet \(pet.name) added")
            }
            guard !changes.isEmpty else { return }
            try db.execute(sql: """
                UPDATE customers SET first_name = ?, last_name = ?, phone = ?, email = ?, notes = ?,
                    first_key = ?, last_key = ?, search_name = ?, phone_reversed = ?
                WHERE id = ?
                """, arguments: [input.firstName, input.lastName, input.phone, input.email, notes,
                                 Self.searchKey(input.firstName), Self.searchKey(input.lastName),
                                 Self.searchKey(input.firstName) + " " + Self.searchKey(input.lastName),
                                 input.phone.map { String($0.reversed()) }, id])
            try audit(db, op, .customerUpdate, customer: id, "\(old.fullName): " + changes.joined(separator: "; "))
        }
    }

    /// Adds a pet to a customer.
    public func addPet(_ pet: Pet, to customerID: Int64, by op: Operator) throws {
        try op.require(.editCustomer, "edit customers")
        let name = pet.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw StoreError.invalid("The pet needs a name.") }
        try write { db in
            let customer = try Self.requireActiveCustomer(db, customerID)
            try Self.insertPet(db, customerID: customerID, Pet(name: name, species: pet.species))
            try audit(db, op, .petAdd, customer: customerID,
                      "\(customer.fullName): added pet \(name)" + (pet.species.isEmpty ? "" : " (\(pet.species))"))
        }
    }

    /// Remembers which Lightspeed customer this customer is. One Lightspeed customer links to at
    /// most one customer: a link already used elsewhere is refused, naming who has it.
    public func linkLightspeed(customer id: Int64, to lightspeedID: String, by op: Operator) throws {
        try op.require(.editCustomer, "link customers to Lightspeed")
        let lsid = lightspeedID.trimmingCharacters(in: .whitespaces)
        guard !lsid.isEmpty else { throw StoreError.invalid("Give the Lightspeed customer ID.") }
        try write { db in
            let customer = try Self.requireActiveCustomer(db, id)
            if let other = try SQLRow.fetchOne(db, sql: """
                SELECT id, first_name, last_name FROM customers WHERE lightspeed_customer_id = ? AND id <> ?
                """, arguments: [lsid, id]) {
                throw StoreError.lightspeedCustomerTaken(
                    lightspeedID: lsid, customerName: "\(other["first_name"] as String) \(other["last_name"] as String)")
            }
            guard customer.lightspeedCustomerID != lsid else { return }
            try db.execute(sql: "UPDATE customers SET lightspeed_customer_id = ? WHERE id = ?", arguments: [lsid, id])
            try audit(db, op, .lightspeedLink, customer: id,
                      "\(customer.fullName): Lightspeed \(customer.lightspeedCustomerID ?? "not linked") → \(lsid)",
                      details: ["lightspeedCustomerID": lsid])
        }
    }

    /// Forgets the Lightspeed link ("Incorrect customer").
    public func unlinkLightspeed(customer id: Int64, by op: Operator) throws {
        try op.require(.editCustomer, "unlink customers from Lightspeed")
        try write { db in
            let customer = try Self.requireActiveCustomer(db, id)
            guard let old = customer.lightspeedCustomerID else { return }
            try db.execute(sql: "UPDATE customers SET lightspeed_customer_id = NULL WHERE id = ?", arguments: [id])
            try audit(db, op, .lightspeedUnlink, customer: id, "\(customer.fullName): Lightspeed \(old) → not linked",
                      details: ["lightspeedCustomerID": old])
        }
    }

    /// The customer linked to a Lightspeed customer, if any.
    public func customer(lightspeedID: String) throws -> Customer? {
        try read { db in
            try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE lightspeed_customer_id = ?",
                             arguments: [lightspeedID]).map(Customer.init(row:))
        }
    }

    /// Records when the Lightspeed button last imported a sale for this customer.
    public func setLastRealtimeImport(customer id: Int64, at date: Date, by op: Operator) throws {
        try op.require(.checkout, "import sales")
        try write { db in try self.touchRealtimeImport(db, customer: id, at: date, by: op) }
    }

    func touchRealtimeImport(_ db: any SQLConnection, customer id: Int64, at date: Date, by op: Operator) throws {
        let customer = try Self.requireActiveCustomer(db, id)
        try db.execute(sql: "UPDATE customers SET last_realtime_import = ? WHERE id = ?", arguments: [date, id])
        try audit(db, op, .realtimeImport, customer: id, "\(customer.fullName): last real-time import set")
    }

    /// The customer with this ID; a merged customer leads to the one it was merged into.
    public func customer(id: Int64) throws -> Customer? {
        try read { db in try Self.resolveCustomer(db, id) }
    }

    /// Existing customers who are probably the one described by `draft`: the same phone, the
    /// same email, or a similar name (Core's `NameSimilarity`). Merged customers are left out.
    public func duplicateCandidates(for draft: CustomerDraft, excluding excludedID: Int64? = nil) throws
        -> [DuplicateCandidate]
    {
        let phone = try? CustomerRules.phone(draft.phone)
        let email = try? CustomerRules.email(draft.email)
        let first = Self.searchKey(draft.firstName), last = Self.searchKey(draft.lastName)
        return try read { db in
            var found: [Int64: (Customer, Set<DuplicateCandidate.Reason>)] = [:]
            func add(_ rows: [SQLRow], _ reason: DuplicateCandidate.Reason) {
                for row in rows {
                    let customer = Customer(row: row)
                    guard customer.id != excludedID else { continue }
                    found[customer.id, default: (customer, [])].1.insert(reason)
                }
            }
            if let phone {
                add(try SQLRow.fetchAll(db, sql: "SELECT * FROM customers WHERE merged_into IS NULL AND phone = ? LIMIT 20",
                                     arguments: [phone]), .samePhone)
            }
            if let email {
                add(try SQLRow.fetchAll(db, sql: "SELECT * FROM customers WHERE merged_into IS NULL AND email = ? LIMIT 20",
                                     arguments: [email]), .sameEmail)
            }
            if !first.isEmpty || !last.isEmpty {
                // Candidates through the name indexes (same last name, same first name with the last
                // name's first letters, or the two swapped), then Core's similarity decides.
                let rows = try SQLRow.fetchAll(db, sql: """
                    SELECT * FROM customers WHERE merged_into IS NULL AND last_key = ?
                    UNION SELECT * FROM customers WHERE merged_into IS NULL AND first_key = ?
                        AND last_key >= ? AND last_key < ?
                    UNION SELECT * FROM customers WHERE merged_into IS NULL AND first_key = ? AND last_key = ?
                    LIMIT 500
                    """, arguments: [last, first, String(last.prefix(1)), Self.upperBound(String(last.prefix(1))),
                                     last, first])
                add(rows.filter { row in
                    NameSimilarity.isSimilar(firstName: draft.firstName, lastName: draft.lastName,
                                             toFirstName: row["first_name"], lastName: row["last_name"])
                }, .similarName)
            }
            return found.values
                .map { DuplicateCandidate(customer: $0.0, reasons: $0.1.sorted { $0.rawValue < $1.rawValue }) }
                .sorted { ($0.reasons.count, -$0.customer.id) > ($1.reasons.count, -$1.customer.id) }
        }
    }

    // MARK: - helpers

    static func normalize(_ draft: CustomerDraft) throws -> NormalizedCustomerInput {
        do throws(CustomerInputError) {
            return try draft.normalized()
        } catch {
            throw StoreError.customerInput(error)
        }
    }

    private static func customerArguments(_ input: NormalizedCustomerInput, notes: String,
                                          created: Date) -> SQLArguments {
        let first = searchKey(input.firstName), last = searchKey(input.lastName)
        return [input.firstName, input.lastName, input.phone, input.email, notes, created,
                first, last, first + " " + last, input.phone.map { String($0.reversed()) }]
    }

    static func insertPet(_ db: any SQLConnection, customerID: Int64, _ pet: Pet) throws {
        try db.execute(sql: "INSERT INTO pets (customer_id, name, species) VALUES (?, ?, ?)",
                       arguments: [customerID, pet.name, pet.species])
    }

    /// How names are compared in search: lower-cased, accents and widths folded.
    static func searchKey(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The smallest string greater than every string that starts with `prefix`.
    static func upperBound(_ prefix: String) -> String { prefix + "\u{10FFFF}" }

    /// The customer, or the one it was merged into (following a chain of merges).
    static func resolveCustomer(_ db: any SQLConnection, _ id: Int64) throws -> Customer? {
        try resolveCustomerRow(db, id).map(Customer.init(row:))
    }

    /// The row of the customer, or of the one it was merged into (following a chain of merges), with `columns`
    /// of `customers c` (all of them, and whatever a caller reads beside them: `checkoutHead`).
    static func resolveCustomerRow(_ db: any SQLConnection, _ id: Int64, columns: String = "c.*") throws -> SQLRow? {
        var current = id
        for _ in 0..<32 {
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT \(columns) FROM customers c WHERE c.id = ?",
                                                arguments: [current]) else { return nil }
            guard let next = row["merged_into"] as Int64? else { return row }
            current = next
        }
        return nil
    }

    /// The customer by ID for a write: refused when unknown or merged away.
    static func requireActiveCustomer(_ db: any SQLConnection, _ id: Int64) throws -> Customer {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("Customer \(id)")
        }
        let customer = Customer(row: row)
        if let into = customer.mergedInto { throw StoreError.customerMerged(id: id, into: into) }
        return customer
    }
}

extension Customer {
    init(row: SQLRow) {
        self.init(id: row["id"], firstName: row["first_name"], lastName: row["last_name"], phone: row["phone"],
                  email: row["email"], notes: row["notes"], lightspeedCustomerID: row["lightspeed_customer_id"],
                  lastRealtimeImport: row["last_realtime_import"], mergedInto: row["merged_into"],
                  createdAt: row["created_at"])
    }
}
