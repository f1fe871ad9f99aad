import Foundation
import LoyaltyCore

/// What Agree did.
public struct ImportCommitResult: Sendable, Hashable {
    public var runID: Int64
    public var punches: [Punch]
    /// Cards the import brought to N.
    public var completedCardIDs: [Int64]
    public var pointsAdded: Int
}

/// One recorded Import History run, for history screens.
public struct ImportRun: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var customerID: Int64
    public var runBy: String
    public var runAt: Date
    public var rangeStart: LocalDate?
    public var rangeEnd: LocalDate?
    public var punchesAdded: Int
    public var pointsAdded: Int
    /// The reviewed rows as JSON (sale and line IDs, date, UPC, item, quantity, status, checked).
    public var rowsJSON: String
}

extension LoyaltyStore {
    /// Commits Import History's reviewed rows, all or nothing, in one transaction. The rows are
    /// matched again against the punches as they are *now* (Core's `ImportMatcher`), keeping the
    /// cashier's choices (checkboxes, No Item rows made exceptions): anything that reached the
    /// cards since the review (a button press, another counter) is not added twice. Units go on
    /// the cards oldest purchase first as *import* punches (exceptions as *exception*) with their
    /// sale and line IDs, each at the location where it was sold (`SaleLinePrograms`; a line of a program of
    /// another location is No Item, as in the review). `points` are Import History for Points candidates, each earned once.
    /// The run is recorded with its rows and audited.
    @discardableResult
    public func commitImport(customer customerID: Int64, rows reviewed: [ImportRow], points: [PointsCandidate] = [],
                             range: ClosedRange<LocalDate>? = nil, requiring action: Action = .importHistory,
                             resolvingWatchedSales queued: [String] = [], by op: Operator) throws -> ImportCommitResult {
        try op.require(action, "import purchases")
        // Settling the watcher's queue of sales of a customer linked to nobody is a manager's (the queue's) work.
        if !queued.isEmpty { try op.require(.reviewLightspeedSales, "record the queued Lightspeed sales") }
        // A No Item row made an Exception forces an item onto a card: a manager's decision.
        if reviewed.contains(where: { $0.exceptionReason != nil && $0.commits }) {
            try op.require(.addException, "add an exception")
        }
        // A unit whose punch a manager removed comes back only by a manager's decision.
        if reviewed.contains(where: { $0.status.needsManagerToCheck && $0.commits }) {
            try op.require(.removePunch, "import a purchase whose punch was removed earlier")
        }
        return try write { db in
            let customer = try Self.requireActiveCustomer(db, customerID)
            let calendar = StoreCalendar(timeZone: try Self.loadSettings(db).timeZone)
            var seenLines = Set<String>()
            let lines = reviewed.map(\.line).filter { seenLines.insert($0.saleLineID).inserted }
            let current = try Self.matchablePunches(db, customer: customerID, saleLineIDs: Array(seenLines))
            // Every read and write below is one statement for the whole import, not one per UPC, program or
            // unit: on PostgreSQL each statement is a round trip (docs/PERFORMANCE.md, "On PostgreSQL").
            // A line of a program of another location than the one where it was sold is "No Item" here too.
            let linePrograms = try Self.linePrograms(db, upcs: Array(Set(lines.compactMap(\.upc))), counter: op.locationID)
            let byID = Dictionary(reviewed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let fresh = ImportMatcher.match(lines: lines, punches: current, programs: linePrograms, calendar: calendar)
                .map { row -> ImportRow in
                    var row = row
                    guard let old = byID[row.id] else { row.checked = false; return row }
                    row.checked = old.checked
                    if row.status == .noItem {
                        row.programID = old.programID
                        row.exceptionReason = old.exceptionReason
                    }
                    if row.quantity > 0 { row.quantity = min(row.quantity, max(old.quantity, 0)) }
                    return row
                }
            let programIDs = Array(Set(fresh.filter(\.commits).compactMap(\.programID))).sorted()
            let programs = try Self.requirePrograms(db, programIDs)
            let slots = try Self.cardSlots(db, customer: customerID, programs: programIDs)
            let plans: [ImportProgramPlan]
            do {
                plans = try ImportMatcher.plan(rows: fresh, punchesRequired: programs.mapValues(\.punchesRequired),
                                               cards: slots)
            } catch { throw StoreError.invalid("\(error)") }

            // Each unit takes the smallest index its sale line has free, in placement (purchase) order.
            var usedUnits = try Self.usedUnitIndexes(db, saleLineIDs: Array(Set(plans.flatMap { $0.units.map(\.saleLineID) })))
            let groups = plans.map { plan -> PlacementGroup in
                var indexOfUnit: [Int: Int] = [:]
                for placement in plan.fill.placements {
                    indexOfUnit[placement.unit] = Self.takeFreeIndex(&usedUnits[plan.units[placement.unit].saleLineID, default: []])
                }
                let units = plan.units.enumerated().map { n, unit in
                    NewPunch(upc: unit.upc, description: unit.description, purchaseDate: unit.purchaseDate,
                             source: unit.exceptionReason == nil ? .import : .exception, saleID: unit.saleID,
                             saleLineID: unit.saleLineID, unitIndex: indexOfUnit[n] ?? 0, exceptionReason: unit.exceptionReason,
                             unitPriceCents: unit.unitPriceCents, receipt: unit.receipt, rungUpBy: unit.employee,
                             locationID: linePrograms.location(shop: unit.shopID))
                }
                return PlacementGroup(programID: plan.programID, fill: plan.fill, units: units)
            }
            let placed = try placeAll(db, customer: customerID, groups, by: op)
            var result = ImportCommitResult(runID: 0, punches: placed.flatMap(\.punches),
                                            completedCardIDs: placed.flatMap(\.completedCardIDs), pointsAdded: 0)
            let at = now()
            for candidate in points {
                result.pointsAdded += try earnSalePointsOnce(db, customer: customer, saleID: candidate.sale.saleID,
                                                             points: candidate.points, by: op)
            }
            result.runID = try Int64.fetchOne(db, sql: """
                INSERT INTO import_runs (customer_id, run_by, run_at, range_start, range_end, punches_added, points_added, rows_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [customerID, op.username, at, range?.lowerBound.iso, range?.upperBound.iso,
                                 result.punches.count, result.pointsAdded, try Self.rowsJSON(fresh)])!
            let rangeWords = range.map { " (\($0.lowerBound.iso) – \($0.upperBound.iso))" } ?? ""
            try audit(db, op, .importCommit, customer: customerID,
                      "\(customer.fullName): Import History\(rangeWords): \(Counting.of(result.punches.count, "punch")) added, "
                        + "\(Counting.of(result.completedCardIDs.count, "card")) completed, \(Counting.of(result.pointsAdded, "point")); "
                        + ImportSummary(rows: fresh).text,
                      details: ["runID": String(result.runID),
                                "punchIDs": result.punches.map { String($0.id) }.joined(separator: ",")])
            // The queued sales this review was made of leave the queue in the same transaction.
            if !queued.isEmpty { try resolveUnlinkedSales(db, queued, customer: customerID, by: op) }
            return result
        }
    }

    /// The customer's Import History runs, newest first.
    public func importRuns(customer id: Int64) throws -> [ImportRun] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM import_runs WHERE customer_id = ? ORDER BY id DESC", arguments: [id]).map { row in
                ImportRun(id: row["id"], customerID: row["customer_id"], runBy: row["run_by"], runAt: row["run_at"],
                          rangeStart: (row["range_start"] as String?).flatMap(LocalDate.init(iso:)),
                          rangeEnd: (row["range_end"] as String?).flatMap(LocalDate.init(iso:)),
                          punchesAdded: row["punches_added"], pointsAdded: row["points_added"], rowsJSON: row["rows_json"])
            }
        }
    }

    /// What Import History matches against: the customer's punches — counting ones, and removed ones with
    /// who/when/why (a unit a manager removed is not offered again) — plus any counting punch (of anyone)
    /// already carrying one of these sale-line IDs.
    public func matchablePunches(customer id: Int64, saleLineIDs: [String] = []) throws -> [MatchablePunch] {
        try read { db in try Self.matchablePunches(db, customer: id, saleLineIDs: saleLineIDs) }
    }

    static func matchablePunches(_ db: any SQLConnection, customer: Int64, saleLineIDs: [String]) throws -> [MatchablePunch] {
        var punches = try SQLRow.fetchAll(db, sql: """
            SELECT \(IndexedRows.punchColumns("p")) FROM cards c JOIN punches p ON p.card_id = c.id
            WHERE c.customer_id = ?
            """, arguments: [customer]).map(IndexedRows.punch)
        // Other customers' punches on these lines: one prepared statement whatever the number of lines
        // (an IN list of 500 placeholders was compiled afresh on every commit), the IDs bound as one
        // JSON array and looked up through the sale-line index.
        if !saleLineIDs.isEmpty {
            punches += try SQLRow.fetchAll(db, sql: """
                SELECT \(IndexedRows.punchColumns("p")) FROM punches p JOIN cards c ON c.id = p.card_id
                WHERE p.sale_line_id IN (\(db.dialect.jsonArrayValues)) AND p.removed_at IS NULL AND c.customer_id <> ?
                """, arguments: [SQLJSONArray.of(saleLineIDs.sorted()), customer]).map(IndexedRows.punch)
        }
        return punches.map { MatchablePunch($0) }
    }

    private func earnSalePointsOnce(_ db: any SQLConnection, customer: Customer, saleID: String, points: Int, by op: Operator) throws -> Int {
        guard points != 0 else { return 0 }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM points_entries WHERE kind IN ('sale', 'import') AND sale_id = ?)",
                             arguments: [saleID]) == true { return 0 }
        try insertEntry(db, customer: customer.id, delta: points, kind: .import, reason: "Import History, sale \(saleID)",
                        saleID: saleID, by: op)
        return points
    }

    /// The reviewed rows as a JSON array, written by hand: `JSONEncoder` was a sixth of a 500-row
    /// commit (docs/PERFORMANCE.md). Keys and values as they always were.
    static func rowsJSON(_ rows: [ImportRow]) throws -> String {
        var out = "["
        out.reserveCapacity(rows.count * 220 + 2)
        for (i, row) in rows.enumerated() {
            if i > 0 { out += "," }
            out += "{\"saleID\":"; appendJSON(row.line.saleID, to: &out)
            out += ",\"saleLineID\":"; appendJSON(row.line.saleLineID, to: &out)
            out += ",\"date\":"; appendJSON(row.purchaseDate.iso, to: &out)
            out += ",\"upc\":"; appendJSON(row.line.upc?.gtin14 ?? "", to: &out)
            out += ",\"description\":"; appendJSON(row.line.description, to: &out)
            out += ",\"status\":"; appendJSON(row.status.name, to: &out)
            out += ",\"quantity\":" + String(row.quantity)
            out += ",\"checked\":" + (row.commits ? "true" : "false")
            if let reason = row.exceptionReason { out += ",\"exceptionReason\":"; appendJSON(reason, to: &out) }
            out += "}"
        }
        out += "]"
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func appendJSON(_ text: String, to out: inout String) {
        out += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
