import Foundation
import LoyaltyCore
import LoyaltyStore

/// The sentences of the watcher's screens (queue, sweep, settings), in one place.
public enum WatcherScreensStrings {
    public static let unlinkedTitle = "Lightspeed customers to link"
    public static let sweepTitle = "Sweep past Lightspeed sales"
    public static let settingsTitle = "Lightspeed watcher settings"

    // The queue
    public static let emptyQueue = "No Lightspeed customers to link: every watched sale found its customer."
    public static let pickCandidate = "Choose the loyalty customer under this Lightspeed customer (Enter), or N to add one."
    public static let noCandidates = "no loyalty customer matches: N adds one from these details"
    public static func link(_ lightspeed: String, _ customer: String, sales: Int) -> String {
        "Link Lightspeed customer \(lightspeed) to \(customer) and record \(Counting.of(sales, "queued sale"))? "
            + "Today's are recorded now; older ones open Import History's review. Y links, N cancels."
    }
    public static func add(_ lightspeed: String, sales: Int) -> String {
        "Add \(lightspeed) as a new loyalty customer (name, phone and email from Lightspeed), link them and record "
            + "\(Counting.of(sales, "queued sale"))? Y adds, N cancels."
    }
    public static let linking = "Linking and reading the queued sales from Lightspeed…"
    public static func linked(_ r: UnlinkedQueue.LinkResult) -> String {
        var parts = ["Linked \(r.customerName) to Lightspeed customer \(r.lightspeedCustomerID)"]
        if !r.sales.isEmpty {
            parts.append("\(Counting.of(r.sales.count, "sale")) of today recorded (\(Counting.of(r.punches, "punch"))"
                         + (r.points != 0 ? ", \(Counting.of(r.points, "point")))" : ")"))
        }
        if r.settledOlder > 0 { parts.append("\(Counting.of(r.settledOlder, "older sale")) already on record") }
        if r.olderToReview > 0 { parts.append("\(Counting.of(r.olderToReview, "older sale")) to review: A adds, D declines") }
        return parts.joined(separator: "; ") + "."
    }
    public static func failed(_ why: EffectError) -> String { FeatureStrings.reason(why) + " Nothing else was changed." }
    /// "2 sales, last 2025-12-03" (each sale's date and amount are listed under the queue).
    public static func salesLine(_ count: Int, last: String) -> String { "\(Counting.of(count, "sale")), last \(last)" }
    public static func reasons(_ match: UnlinkedQueue.Match) -> String { match.reasons.joined(separator: ", ") }

    // The sweep
    public static let sweepIntro = "Import History for every linked customer since a date, in one pass over the account's sales."
    public static let sweepFrom = "From"
    public static func fetching(pages: Int, sales: Int) -> String {
        "Reading Lightspeed: \(Counting.of(pages, "page")), \(Counting.of(sales, "sale"))… (Esc cancels)"
    }
    public static let cancelled = "Sweep cancelled: nothing was read into the store."
    public static func summary(_ r: SalesSweep.Result) -> String {
        "\(Counting.of(r.sales, "sale")) since \(r.range.startDate.iso) in \(Counting.of(r.pages, "request")); "
            + "\(Counting.of(r.toImport, "unit")) to add for \(r.customers.filter { $0.review.hasWork }.count) of "
            + "\(Counting.of(r.customers.count, "linked customer")); \(Counting.of(r.unlinkedSales, "sale")) of customers linked to nobody."
    }
    public static func fetchFailed(_ why: EffectError) -> String { "The sweep could not read Lightspeed: " + FeatureStrings.reason(why) }
    public static let nothingToCommit = "Nothing to add for this customer."
    public static let nothingWaits = "Nothing waits to be added."
    public static let alreadyCommitted = "Already added for this customer."
    public static func confirmAll(units: Int, customers: Int) -> String {
        "Add \(Counting.of(units, "unit")) for \(Counting.of(customers, "customer"))? Each customer all or nothing. Y adds, N goes back."
    }
    public static let committing = "Adding…"
    public static func committed(_ added: [Int64: Int], failures: Int) -> String {
        let units = added.values.reduce(0, +)
        var text = "Added \(Counting.of(units, "punch")) for \(Counting.of(added.count, "customer"))."
        if failures > 0 { text += " \(Counting.of(failures, "customer")) not added (nothing of theirs changed): see the list." }
        return text
    }
    public static func done(_ units: Int) -> String { "added \(units)" }

    // Settings
    public static let settingsIntro = "Kept in the store: every counter on it watches this way (the config file's watcher.* until set here)."
    public static func onOff(_ on: Bool) -> String { on ? "On: completed sales of linked customers are recorded" : "Off" }
    public static func share(_ percent: Int) -> String { "\(percent) % of Lightspeed's rate bucket" }
    public static let everyShop = "No shop ticked: every shop of the account is watched."
    public static func shopsProblem(_ why: EffectError) -> String { "The account's shops could not be read: " + FeatureStrings.reason(why) }
    public static let saved = "Saved: the watcher on this counter restarts with these settings; other counters take them when they next start."
    public static let unchanged = "Nothing changed."
    public static let fromConfig = "(from the config file)"
    public static let fromStore = "(set for this store)"
}
