/// Counts for the summary line under the review list. Units, not rows: "3 to import" means three punches.
public struct ImportSummary: Sendable, Hashable, Codable {
    /// Units that Agree will add (checked ✓ and possible-duplicate rows, and No Item rows made exceptions).
    public var toImport: Int
    public var alreadyExist: Int
    public var noItem: Int
    /// Refunded units (as a positive number).
    public var refund: Int
    public var possibleDuplicate: Int
    /// Units later refunded, removed earlier by a manager, or not handed over (layaway and the like).
    public var refunded: Int
    public var removedEarlier: Int
    public var notHandedOver: Int

    public init(rows: [ImportRow]) {
        toImport = rows.filter(\.commits).reduce(0) { $0 + $1.quantity }
        func units(_ status: ImportStatus) -> Int {
            rows.filter { $0.status == status }.reduce(0) { $0 + abs($1.quantity) }
        }
        alreadyExist = units(.alreadyExists)
        noItem = units(.noItem)
        refund = units(.refund)
        possibleDuplicate = units(.possibleDuplicate)
        refunded = units(.refunded)
        removedEarlier = units(.removedEarlier)
        notHandedOver = units(.notHandedOver)
    }

    /// "3 to import, 2 already exist, 1 no item, 0 refund, 1 possible duplicate", then "1 refunded",
    /// "1 removed earlier", "1 not handed over" when there are any.
    public var text: String {
        var text = "\(toImport) to import, \(alreadyExist) already exist, \(noItem) no item, \(refund) refund, "
            + "\(possibleDuplicate) possible duplicate"
        if refunded > 0 { text += ", \(refunded) refunded" }
        if removedEarlier > 0 { text += ", \(removedEarlier) removed earlier" }
        if notHandedOver > 0 { text += ", \(notHandedOver) not handed over" }
        return text
    }
}

/// One unit Agree turns into an *import* punch.
public struct ImportUnit: Sendable, Hashable {
    public var rowID: String
    public var saleID: String
    public var saleLineID: String
    public var upc: UPC?
    public var description: String
    public var purchaseDate: LocalDate
    /// Set for a No Item row added as an exception.
    public var exceptionReason: String?
    /// The sale line's proof for a manufacturer's claim: unit price, ticket number, who rang it up.
    public var unitPriceCents: Int? = nil
    public var receipt: String? = nil
    public var employee: String? = nil
    /// The Lightspeed shop that sold it: where the punch is recorded (`SaleLinePrograms.location(shop:)`).
    public var shopID: String? = nil

    public init(rowID: String, saleID: String, saleLineID: String, upc: UPC?, description: String,
                purchaseDate: LocalDate, exceptionReason: String?) {
        self.rowID = rowID
        self.saleID = saleID
        self.saleLineID = saleLineID
        self.upc = upc
        self.description = description
        self.purchaseDate = purchaseDate
        self.exceptionReason = exceptionReason
    }
}

/// The import's effect on one program: its units, oldest purchase first, and where each lands
/// (`fill.placements[i]` is the card of `units[i]`).
public struct ImportProgramPlan: Sendable, Hashable {
    public var programID: Int64
    public var units: [ImportUnit]
    public var fill: FillPlan

    public init(programID: Int64, units: [ImportUnit], fill: FillPlan) {
        self.programID = programID
        self.units = units
        self.fill = fill
    }
}

extension ImportMatcher {
    /// What Agree would do: the committing rows' units per program, placed oldest purchase first with card
    /// filling, so cards fill in date order. Also answers "which cards will this complete" for the summary.
    /// - Parameters:
    ///   - punchesRequired: N of each program (programs missing here are skipped).
    ///   - cards: the customer's current cards per program.
    public static func plan(rows: [ImportRow], punchesRequired: [Int64: Int],
                            cards: [Int64: [CardSlot]]) throws(CardFillingError) -> [ImportProgramPlan] {
        var unitsByProgram: [Int64: [ImportUnit]] = [:]
        let committing = rows.enumerated().filter { $0.element.commits }.sorted {
            ($0.element.purchaseDate, $0.element.line.completedAt, $0.offset)
                < ($1.element.purchaseDate, $1.element.line.completedAt, $1.offset)
        }.map(\.element)
        for row in committing {
            var unit = ImportUnit(rowID: row.id, saleID: row.line.saleID, saleLineID: row.line.saleLineID,
                                  upc: row.line.upc, description: row.line.description,
                                  purchaseDate: row.purchaseDate, exceptionReason: row.exceptionReason)
            unit.unitPriceCents = row.line.unitPriceCents
            unit.receipt = row.line.ticketNumber
            unit.employee = row.line.employee
            unit.shopID = row.line.shopID
            unitsByProgram[row.programID!, default: []].append(contentsOf: repeatElement(unit, count: row.quantity))
        }
        var plans: [ImportProgramPlan] = []
        for (program, units) in unitsByProgram.sorted(by: { $0.key < $1.key }) {
            guard let n = punchesRequired[program] else { continue }
            let fill = try CardFilling.plan(punchesRequired: n, cards: cards[program] ?? [], quantity: units.count)
            plans.append(ImportProgramPlan(programID: program, units: units, fill: fill))
        }
        return plans
    }
}
