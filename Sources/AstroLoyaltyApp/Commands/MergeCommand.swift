import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

extension CustomerCommand {
    /// `astro-loyalty customer merge PRIMARY DUPLICATE --manager USER`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine a duplicate customer into the primary (manager).",
            discussion: "Without --yes, prints what would move and changes nothing.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The customer that stays.") var primary: Int64
        @Argument(help: "The duplicate, merged into the primary.") var duplicate: Int64
        @Option(help: "Manager doing the merge; their PIN or password is read from the terminal or stdin.")
        var manager: String
        @Option(help: "When both are linked to different Lightspeed customers: which link stays (primary|duplicate).")
        var keepLink: MergeLinkChoice?
        @Flag(help: "Do it (otherwise only the preview is printed).") var yes = false

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let choice = keepLink?.core
            let plan = try yes
                ? store.mergeCustomers(primary: primary, duplicate: duplicate, linkChoice: choice,
                                       by: try context.signedIn(store, as: manager))
                : store.mergePreview(primary: primary, duplicate: duplicate, linkChoice: choice)
            let report = MergeReport(plan, done: yes)
            try context.output(report) { report.human }
        }
    }
}

enum MergeLinkChoice: String, ExpressibleByArgument {
    case primary, duplicate
    var core: LightspeedLinkChoice { self == .primary ? .keepPrimary : .keepDuplicate }
}

struct MergeReport: Encodable {
    let primary: Int64
    let duplicate: Int64
    let done: Bool
    let cardsMoved: Int
    let punchesMoved: Int
    let pointsEntriesMoved: Int
    let lightspeedCustomerID: String?

    init(_ plan: MergePlan, done: Bool) {
        primary = plan.primaryID
        duplicate = plan.duplicateID
        self.done = done
        cardsMoved = plan.cardsToMove.count
        punchesMoved = plan.movedPunches
        pointsEntriesMoved = plan.movedPoints
        lightspeedCustomerID = plan.lightspeedCustomerID
    }

    var human: String {
        let what = "\(Counting.of(cardsMoved, "card")), \(Counting.of(punchesMoved, "punch")), "
            + Counting.of(pointsEntriesMoved, "points entry", plural: "points entries")
            + (lightspeedCustomerID.map { "; Lightspeed link \($0) stays" } ?? "")
        return done ? "Merged #\(duplicate) into #\(primary): moved \(what)."
                    : "Would merge #\(duplicate) into #\(primary), moving \(what). Add --yes to do it."
    }
}
