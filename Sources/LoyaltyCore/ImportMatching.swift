import Foundation

/// One row of the Import History review list. A sale line whose units end up in different statuses
/// becomes several rows, one per status (e.g. 3 bags with 2 punches on record: a row of 2 "Transaction
/// Already Exists" and a row of 1 "✓"), so each row has one status, one quantity and one checkbox, and
/// the screen's columns (date, UPC, item, quantity, status) stay simple.
public struct ImportRow: Sendable, Hashable, Identifiable, Codable {
    /// "saleLineID/status": unique in one review.
    public var id: String { "\(line.saleLineID)/\(status.rawValue)" }
    public var line: SaleLine
    /// Store-local date of the sale.
    public var purchaseDate: LocalDate
    public var status: ImportStatus
    /// Units in this row; negative for refunds (as on the line).
    public var quantity: Int
    /// The program of the line's UPC, when it has one (also set by the screen on a No Item row made an exception).
    public var programID: Int64?
    /// Already exists / possible duplicate: the punches that stand for these units. Refund: the punches of the
    /// refunded (parent) line, so the cashier can remove them in one step.
    public var matchedPunchIDs: [Int64]
    /// Will be committed on Agree.
    public var checked: Bool
    /// Set by the screen when a No Item row is added as an exception (with `programID` and `checked`).
    public var exceptionReason: String?
    /// Removed earlier: who removed the (first) punch that stood for these units, when and why.
    public var removal: PunchRemoval?

    public init(line: SaleLine, purchaseDate: LocalDate, status: ImportStatus, quantity: Int, programID: Int64?,
                matchedPunchIDs: [Int64] = [], checked: Bool? = nil, exceptionReason: String? = nil,
                removal: PunchRemoval? = nil) {
        self.line = line
        self.purchaseDate = purchaseDate
        self.status = status
        self.quantity = quantity
        self.programID = programID
        self.matchedPunchIDs = matchedPunchIDs
        self.checked = checked ?? status.checkedByDefault
        self.exceptionReason = exceptionReason
        self.removal = removal
    }

    /// True when Agree turns this row into punches.
    public var commits: Bool {
        guard checked, programID != nil, quantity > 0 else { return false }
        return status.isSelectable || (status == .noItem && exceptionReason != nil)
    }
}

/// The Import History engine (domain.md, "Import History"), without network or storage.
///
/// Matching is unit by unit, in passes over all lines, oldest sale first, never using a punch twice:
/// 1. by sale-line ID (whatever the dates say), counting punches only;
/// 2. by UPC and purchase date (the local date of the shop that sold it), counting punches only;
/// 3. refunds net out: units a refund line in the fetched sales returned (its `parentSaleLineID` is this
///    line, whatever the refund's date) → "Refunded", never offered;
/// 4. a removed punch of this sale line (or, without a sale line, of this UPC and date) → "Removed earlier",
///    unchecked (a manager may check it again);
/// 5. near misses: a still-unmatched manual (counter or exception) punch of the same UPC within
///    `duplicateWindowDays` days → "Possible duplicate" (the product's known weak spot: a purchase added
///    by hand on a later day). The closest date wins.
/// Units left over are "✓". Voided sales and zero-quantity lines give no rows; refund lines give a Refund
/// row and match nothing; lines without a UPC, or with a UPC in no program (or in a program of another location
/// than the one where the line was sold, `SaleLinePrograms`), are "No Item"; layaway,
/// special-order and work-order lines are "Not handed over".
public enum ImportMatcher {
    public static let defaultDuplicateWindowDays = 3

    public static func match(lines: [SaleLine], punches: [MatchablePunch], programs: SaleLinePrograms,
                             calendar: StoreCalendar,
                             duplicateWindowDays: Int = defaultDuplicateWindowDays) -> [ImportRow] {
        let ordered = lines.enumerated().sorted { a, b in
            (a.element.completedAt, a.offset) < (b.element.completedAt, b.offset)
        }.map(\.element).filter { !$0.voided && $0.quantity != 0 }

        // Rows are collected per line in sale order, so the result needs no sort: within a line the order
        // is exists, refunded, removed earlier, possible duplicate, ✓ (a line is either those, or No Item, or
        // Refund, or Not handed over).
        var rowsByLine: [[ImportRow]] = Array(repeating: [], count: ordered.count)
        var pending: [Work] = []
        var byLineID: [String: [MatchablePunch]] = [:]
        var removedByLineID: [String: [MatchablePunch]] = [:]
        var removedByUPCDate: [UPCDay: [MatchablePunch]] = [:]
        for punch in punches {
            if punch.counts {
                if let id = punch.saleLineID { byLineID[id, default: []].append(punch) }
            } else if let id = punch.saleLineID {
                removedByLineID[id, default: []].append(punch)
            } else if let code = punch.upc {
                removedByUPCDate[UPCDay(upc: code, date: punch.purchaseDate), default: []].append(punch)
            }
        }
        // Units each line lost to refunds among the fetched sales (a voided refund returned nothing).
        var refundedUnits: [String: Int] = [:]
        for line in ordered where line.quantity < 0 {
            if let parent = line.parentSaleLineID { refundedUnits[parent, default: 0] -= line.quantity }
        }
        for (position, line) in ordered.enumerated() {
            let date = calendar.purchaseDate(of: line)
            let program = programs.programID(of: line)
            if line.quantity > 0 && !line.handedOver {
                rowsByLine[position].append(ImportRow(line: line, purchaseDate: date, status: .notHandedOver,
                                                      quantity: line.quantity, programID: program))
            } else if line.quantity < 0 {
                let refunded = line.parentSaleLineID.flatMap { byLineID[$0] }?.map(\.id).sorted() ?? []
                rowsByLine[position].append(ImportRow(line: line, purchaseDate: date, status: .refund,
                                                      quantity: line.quantity, programID: program,
                                                      matchedPunchIDs: refunded))
            } else if line.upc == nil || program == nil {
                rowsByLine[position].append(ImportRow(line: line, purchaseDate: date, status: .noItem,
                                                      quantity: line.quantity, programID: nil))
            } else {
                pending.append(Work(position: position, line: line, date: date, program: program!, open: line.quantity))
            }
        }

        var used = Set<Int64>()
        // Pass 1: sale-line ID.
        for i in pending.indices {
            for punch in byLineID[pending[i].line.saleLineID]?.sorted(by: { $0.id < $1.id }) ?? []
            where pending[i].open > 0 && !used.contains(punch.id) {
                used.insert(punch.id)
                pending[i].existing.append(punch.id)
                pending[i].open -= 1
            }
        }
        // Pass 2: UPC + purchase date. Punches without a sale-line ID go first: one carrying an ID
        // belongs to some Lightspeed line and is taken only when nothing else is left.
        var byUPCDate: [UPCDay: [MatchablePunch]] = [:]
        for punch in punches where punch.counts && !used.contains(punch.id) {
            if let code = punch.upc { byUPCDate[UPCDay(upc: code, date: punch.purchaseDate), default: []].append(punch) }
        }
        for key in byUPCDate.keys {
            byUPCDate[key]!.sort { ($0.saleLineID != nil ? 1 : 0, $0.id) < ($1.saleLineID != nil ? 1 : 0, $1.id) }
        }
        for i in pending.indices where pending[i].open > 0 {
            let key = UPCDay(upc: pending[i].line.upc!, date: pending[i].date)
            guard let candidates = byUPCDate[key] else { continue }
            for punch in candidates where pending[i].open > 0 && !used.contains(punch.id) {
                used.insert(punch.id)
                pending[i].existing.append(punch.id)
                pending[i].open -= 1
            }
        }
        // Pass 3: what later refunds returned.
        for i in pending.indices where pending[i].open > 0 {
            let left = refundedUnits[pending[i].line.saleLineID] ?? 0
            guard left > 0 else { continue }
            let units = min(left, pending[i].open)
            refundedUnits[pending[i].line.saleLineID] = left - units
            pending[i].refunded = units
            pending[i].open -= units
        }
        // Pass 4: punches a manager removed earlier: of this sale line, else of this UPC and date.
        for i in pending.indices where pending[i].open > 0 {
            let key = UPCDay(upc: pending[i].line.upc!, date: pending[i].date)
            let candidates = (removedByLineID[pending[i].line.saleLineID] ?? []).sorted { $0.id < $1.id }
                + (removedByUPCDate[key] ?? []).sorted { $0.id < $1.id }
            for punch in candidates where pending[i].open > 0 && !used.contains(punch.id) {
                used.insert(punch.id)
                pending[i].removed.append(punch)
                pending[i].open -= 1
            }
        }
        // Pass 5: near misses among manual punches.
        if duplicateWindowDays > 0 {
            var manualByUPC: [UPC: [MatchablePunch]] = [:]
            for punch in punches where punch.counts && !used.contains(punch.id) && punch.isManual {
                if let code = punch.upc { manualByUPC[code, default: []].append(punch) }
            }
            for i in pending.indices where pending[i].open > 0 {
                guard let candidates = manualByUPC[pending[i].line.upc!] else { continue }
                while pending[i].open > 0 {
                    let day = pending[i].date
                    let best = candidates
                        .filter { !used.contains($0.id) && abs($0.purchaseDate.days(since: day)) <= duplicateWindowDays }
                        .min { a, b in
                            let da = a.purchaseDate.days(since: day), db = b.purchaseDate.days(since: day)
                            return (abs(da), da < 0 ? 1 : 0, a.id) < (abs(db), db < 0 ? 1 : 0, b.id)
                        }
                    guard let punch = best else { break }
                    used.insert(punch.id)
                    pending[i].nearMisses.append(punch.id)
                    pending[i].open -= 1
                }
            }
        }
        for work in pending {
            func add(_ status: ImportStatus, _ quantity: Int, _ matched: [Int64] = []) {
                rowsByLine[work.position].append(ImportRow(line: work.line, purchaseDate: work.date, status: status,
                                                           quantity: quantity, programID: work.program,
                                                           matchedPunchIDs: matched))
            }
            if !work.existing.isEmpty { add(.alreadyExists, work.existing.count, work.existing) }
            if work.refunded > 0 { add(.refunded, work.refunded) }
            if !work.removed.isEmpty {
                rowsByLine[work.position].append(ImportRow(line: work.line, purchaseDate: work.date, status: .removedEarlier,
                                                           quantity: work.removed.count, programID: work.program,
                                                           matchedPunchIDs: work.removed.map(\.id),
                                                           removal: work.removed.first?.removal))
            }
            if !work.nearMisses.isEmpty { add(.possibleDuplicate, work.nearMisses.count, work.nearMisses) }
            if work.open > 0 { add(.willImport, work.open) }
        }
        return rowsByLine.flatMap { $0 }
    }

    private struct UPCDay: Hashable {
        var upc: UPC
        var date: LocalDate
    }

    private struct Work {
        var position: Int
        var line: SaleLine
        var date: LocalDate
        var program: Int64
        var open: Int
        var existing: [Int64] = []
        var refunded = 0
        var removed: [MatchablePunch] = []
        var nearMisses: [Int64] = []
    }
}
