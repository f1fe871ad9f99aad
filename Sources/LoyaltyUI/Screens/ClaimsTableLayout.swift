import LoyaltyFeatures
import TerminalKit

/// The claims table for a given width. Customer, program and distributor names are what a manager reads a claim
/// by, so they are given their whole width first; the state and the batch or deadline are always whole. When the
/// names do not fit, the distributor column goes (the owed lines above name the distributors, and the selected
/// claim's line below names its own), then the redemption date (shown there too); only then do the customer and
/// program share what is left, in proportion to their length, and the selected claim's line gives them whole.
struct ClaimsTableLayout {
    enum Column: CaseIterable {
        case id, redeemed, customer, program, distributor, amount, state, batch
    }

    static let spacing = 1
    private static let fixed: [Column: Int] = [.id: 5, .redeemed: 10, .amount: 9, .state: 15, .batch: 19]

    let shown: [Column]
    let columns: [TableColumn]
    /// The customer and program columns are narrower than their longest name (the selected claim's line then
    /// gives both whole).
    let cutsNames: Bool

    /// `claims`: each claim's texts, one per `Column` in order (`ClaimsScreen` makes them).
    init(width: Int, claims: [[String]]) {
        func natural(_ column: Column) -> Int {
            let i = Column.allCases.firstIndex(of: column)!
            return claims.map { TextWidth.width(of: $0[i]) }.reduce(TextWidth.width(of: Self.title(column)), Swift.max)
        }
        let names: [Column: Int] = [.customer: natural(.customer), .program: natural(.program),
                                    .distributor: natural(.distributor)]
        func need(_ columns: [Column]) -> Int {
            columns.map { Self.fixed[$0] ?? names[$0] ?? 0 }.reduce(0, +) + Self.spacing * (columns.count - 1)
        }
        var shown = Column.allCases
        for optional in [Column.distributor, .redeemed] where need(shown) > width {
            shown.removeAll { $0 == optional }
        }
        let fits = need(shown) <= width
        self.shown = shown
        cutsNames = !fits
        columns = shown.map { column in
            let length: LayoutLength
            switch column {
            case .customer, .program:
                // Fitting: the program takes any spare room. Not fitting: the two share the rest by length.
                let natural = names[column] ?? 1
                length = fits ? (column == .program ? .flex(1) : .fixed(natural)) : .flex(natural)
            default:
                length = .fixed(Self.fixed[column] ?? names[column] ?? 0)
            }
            return TableColumn(Self.title(column), width: length, alignment: column == .amount ? .right : .left)
        }
    }

    static func title(_ column: Column) -> String {
        switch column {
        case .id: "#"
        case .redeemed: "Redeemed"
        case .customer: "Customer"
        case .program: "Program"
        case .distributor: "Distributor"
        case .amount: "Amount"
        case .state: "State"
        case .batch: "Batch / deadline"
        }
    }

    /// The shown columns' texts of one claim.
    func cells(_ texts: [String]) -> [String] { shown.map { texts[Column.allCases.firstIndex(of: $0)!] } }

    /// What the table could not show whole, as words for the selected claim's line (the names when they were
    /// cut, "redeemed 2026-11-20", the distributor).
    func dropped(_ texts: [String]) -> [String] {
        func text(_ column: Column) -> String { texts[Column.allCases.firstIndex(of: column)!] }
        var words = cutsNames ? [text(.customer), text(.program)] : []
        if !shown.contains(.redeemed) { words.append(ClaimsStrings.redeemed(text(.redeemed))) }
        if !shown.contains(.distributor) {
            words.append(text(.distributor).isEmpty ? ClaimsStrings.noDistributor : text(.distributor))
        }
        return words
    }
}
