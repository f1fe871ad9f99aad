import LoyaltyCore
import LoyaltyStore

/// The claims screen's sentences, in one place.
public enum ClaimsStrings {
    public static let title = "Manufacturer claims"
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) }
    public static let noBatch = "This claim is in no batch yet: B batches the claims that wait."
    public static let nothingToSubmit = "Select a claim of a batch not yet submitted (B makes batches)."
    public static let onlyDenied = "Only a denied claim can be corrected."
    public static let onlyCredited = "Only a credited claim can be reconciled."
    public static func typeSomething(_ ask: ClaimsAsk) -> String {
        switch ask {
        case .exportFolder: "Type the folder to write into."
        case .creditMemo: "Type the credit memo's file (CSV: batch,claim,status,amount,reason)."
        case .correction: "Say what was corrected."
        case .confirmSubmit: ""
        }
    }
    public static func question(_ ask: ClaimsAsk) -> String {
        switch ask {
        case .exportFolder(let batch): "Export batch \(batch) (CSV and backup sheets, owner-only) into folder:"
        case .creditMemo: "Credit memo file (batch,claim,status,amount,reason):"
        case .correction(let id): "Claim \(id): what was corrected?"
        case .confirmSubmit(let batch): "Mark batch \(batch) as sent to its distributor? Y submits, N cancels."
        }
    }
    public static func batched(_ batches: [ClaimBatch]) -> String {
        batches.isEmpty ? "No claims wait for a batch."
            : "Batched: " + batches.map { "\($0.label) (\($0.claimCount) claims, \(Money.display(cents: $0.totalCents)))" }
                .joined(separator: ", ")
    }
    public static func exported(_ paths: [String]) -> String {
        guard let first = paths.first else { return "Nothing written." }
        return "Wrote \(first) and \(paths.count - 1) backup sheet\(paths.count == 2 ? "" : "s")."
    }
    public static func submitted(_ batch: String) -> String { "Batch \(batch) submitted." }
    public static func memoApplied(_ lines: [CreditMemoLine]) -> String {
        let credited = lines.filter { if case .credited = $0.outcome { true } else { false } }.count
        return "Credit memo recorded: \(credited) credited, \(lines.count - credited) denied."
    }
    public static func memoRefused(_ n: Int) -> String {
        "Nothing recorded: the memo has \(n) bad line\(n == 1 ? "" : "s") (listed below)."
    }
    public static func corrected(_ id: Int64) -> String { "Claim \(id) corrected: it goes into the next batch." }
    public static func reconciled(_ id: Int64) -> String { "Claim \(id) reconciled." }

    public static func viewName(_ view: ClaimsView) -> String {
        switch view {
        case .waiting: "Waiting for a batch"
        case .withDistributor: "With the distributor"
        case .denied: "Denied"
        case .credited: "Credited"
        case .all: "All"
        }
    }
    public static func owedLine(_ distributor: String, _ lines: [OwedLine]) -> String {
        let owed = lines.reduce(0) { $0 + $1.owedCents }
        let byAge = ClaimAge.allCases.compactMap { age -> String? in
            let cents = lines.filter { $0.age == age }.reduce(0) { $0 + $1.owedCents }
            return cents == 0 ? nil : "\(age.rawValue) d \(Money.display(cents: cents))"
        }
        return "\(distributor): owed \(Money.display(cents: owed))" + (byAge.isEmpty ? "" : " (" + byAge.joined(separator: ", ") + ")")
    }
    public static func flagged(_ n: Int) -> String { "\(n) claim\(n == 1 ? "" : "s") near or past the deadline" }
    /// On the selected claim's line, when the table had no room for its date or its distributor.
    public static func redeemed(_ day: String) -> String { "redeemed \(day)" }
    public static let noDistributor = "(no distributor)"
}
