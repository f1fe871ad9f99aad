import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

private let claimsManager = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)
private let claimsCashier = User(id: 2, username: "cashier", displayName: "Casey Cashier", role: .cashier)

private func record(_ id: Int64, _ name: String, _ state: ClaimState, flag: String? = nil, batch: String? = nil,
                    passed: Bool = true, program: String = "MeNow Munchies", distributor: String = "Phillips") -> ClaimRecord {
    let upc = try! UPC.parse("007123000016")
    let check = ClaimCheckResult(failures: passed ? [] : [.freeItemWrongGroup(free: "24 lb", card: "12 lb")],
                                 qualifying: [], group: "12 lb", freeItemPriceCents: 3299, capCents: 3299, claimCents: 3299)
    let proof = ClaimProof(storeName: "Happy Tails", storeAddress: "1200 Harbor Road", locationID: "main",
                           distributor: distributor, distributorAccount: "PH-1", program: program,
                           manufacturer: "MeNow", ruleVersion: 1,
                           customer: ClaimCustomer(name: name, phone: "6035550199", postalAddress: "12 Elm St"),
                           purchases: [], freeItemUPC: upc, freeItemDescription: "MeNow 12 lb", freeItemSize: "12 lb",
                           freeItemPriceCents: 3299, redeemedOn: LocalDate(iso: "2026-11-20")!, redeemedBy: "cashier",
                           check: check, exceptionBy: passed ? nil : "manager")
    return ClaimRecord(id: id, cardID: id, customerID: id, programID: 1, distributor: distributor, funding: .claim, state: state,
                       redeemedOn: proof.redeemedOn, dueOn: LocalDate(iso: "2026-12-10"), claimCents: 3299, creditedCents: nil,
                       denialReason: state == .denied ? "multiple brands" : nil, correctionNote: nil, batchLabel: batch,
                       proof: proof, deadlineFlag: flag)
}

private let claimsData = ClaimsData(
    claims: [record(1, "Zoë O'Brien", .uncredited, flag: "due soon", passed: false),
             record(2, "Liam Dubois", .uncredited, batch: "PHILLIPS-20261204-1"),
             record(3, "Ann Lee", .denied, batch: "PHILLIPS-20261101-1")],
    owed: [OwedLine(distributor: "Phillips", age: .upTo30, claims: 3, notClaimedCents: 6598, awaitingCreditCents: 0,
                    deniedCents: 3299, creditedUnreconciledCents: 0)],
    batches: [])

/// The manager's claims screen, driven through `AppFeature` messages.
@Suite("Claims screen")
struct ClaimsScreenTests {
    private func driver(_ user: User, size: Size = Size(width: 100, height: 30), data: ClaimsData = claimsData) -> Driver {
        var d = Driver(size: size)
        d.send(.signIn(.signedIn(user, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.open(.claims)))
        d.send(.claims(.loaded(data)))
        d.state.status = nil
        return d
    }

    @Test func theScreenShowsMoneyOwedFlagsAndTheSelectedClaimsCheck() {
        let d = driver(claimsManager)
        #expect(d.state.route == .admin(.claims))
        let screen = d.render()
        #expect(screen.lines.contains { $0.contains("Phillips: owed $98.97 (0-30 d $98.97)") })
        #expect(screen.lines.contains { $0.contains("1 claim near or past the deadline") })
        #expect(screen.lines.contains { $0.contains("Waiting for a batch (2)") && $0.contains("Denied (1)") })
        #expect(screen.lines.contains { $0.contains("Zoë O'Brien") && $0.contains("DUE SOON 2026-12-10") })
        #expect(screen.lines.contains { $0.contains("Check: The free item is size 24 lb; the card was earned on 12 lb.") })
        expectSnapshot(screen, "claims-100x30")
    }

    /// Names longer than their share of 100 columns were cut. The table is laid out for the width: at 132 columns
    /// every name is whole in its row; at 80 the distributor and the date give way, the names share what is left
    /// and the selected claim's lines give them (and the date and distributor) whole.
    static let longNames = ClaimsData(
        claims: [record(1, "Zoë O'Brien-Castellanos", .uncredited, flag: "due soon", passed: false,
                        program: "MeNow Munchies Grain-Free", distributor: "Phillips Pet Co."),
                 record(2, "Liam Dubois", .uncredited, batch: "PHILLIPS-20261204-1", program: "Crunchy Bones",
                        distributor: "Phillips Pet Co.")],
        owed: [OwedLine(distributor: "Phillips Pet Co.", age: .upTo30, claims: 2, notClaimedCents: 6598,
                        awaitingCreditCents: 0, deniedCents: 0, creditedUnreconciledCents: 0)],
        batches: [])

    @Test func at132ColumnsEveryNameIsWhole() {
        let d = driver(claimsManager, size: Size(width: 132, height: 30), data: Self.longNames)
        let screen = d.render()
        let row = screen.lines.first { $0.contains("DUE SOON 2026-12-10") } ?? ""
        for whole in ["Zoë O'Brien-Castellanos", "MeNow Munchies Grain-Free", "Phillips Pet Co.", "2026-11-20"] {
            #expect(row.contains(whole), "\(whole) in \(row)")
        }
        #expect(!row.contains("…"))
        expectSnapshot(screen, "claims-long-names-132x30")
    }

    @Test func at80ColumnsTheSelectedClaimsLinesGiveWhatTheTableCuts() {
        let d = driver(claimsManager, size: Size(width: 80, height: 24), data: Self.longNames)
        let screen = d.render()
        let row = screen.lines.first { $0.contains("DUE SOON 2026-12-10") } ?? ""
        #expect(row.contains("not yet claimed"), "the state is read whole")
        #expect(!row.contains("Phillips Pet Co.") && !row.contains("2026-11-20"), "no room: \(row)")
        #expect(row.contains("Zoë O'Brie") && row.contains("MeNow Munch"))
        // The two lines under the check, as one text (a name may wrap at a space).
        let details = screen.lines.drop { !$0.contains("Check:") }.dropFirst().prefix(2).joined(separator: " ")
            .split(separator: " ").joined(separator: " ")
        for whole in ["Zoë O'Brien-Castellanos", "MeNow Munchies Grain-Free", "redeemed 2026-11-20", "Phillips Pet Co.",
                      "12 Elm St"] {
            #expect(details.contains(whole), "\(whole) in \(details)")
        }
        expectSnapshot(screen, "claims-long-names-80x24")
    }

    @Test func exportAsksTheFolderAndSubmitAsksYesOrNo() {
        var d = driver(claimsManager)
        // The first claim is in no batch: export and submit say so.
        #expect(d.send(.claims(.export)).isEmpty)
        #expect(d.state.status?.text == ClaimsStrings.noBatch)
        d.send(.claims(.move(.down)))
        d.send(.claims(.export))
        #expect(d.state.claims.ask == .exportFolder(batch: "PHILLIPS-20261204-1"))
        d.send(.claims(.edit(.ctrl("u"))))
        for c in "/tmp/x" { d.send(.claims(.edit(.char(c)))) }
        let effects = d.send(.claims(.enter))
        #expect(effects == [.claims(.export(batch: "PHILLIPS-20261204-1", folder: "/tmp/x"))])
        d.send(.claims(.submit))
        #expect(d.state.claims.ask == .confirmSubmit(batch: "PHILLIPS-20261204-1"))
        #expect(d.send(.claims(.confirm)) == [.claims(.submit(batch: "PHILLIPS-20261204-1", by: Operator(claimsManager)))])
        // K corrects only a denied claim: the note is asked.
        d.send(.claims(.nextView))
        d.send(.claims(.nextView))
        #expect(d.state.claims.view == .denied)
        d.send(.claims(.correct))
        #expect(d.state.claims.ask == .correction(claimID: 3))
    }

    @Test func aCashierNeverReachesTheScreen() {
        var d = Driver(size: Size(width: 100, height: 30))
        d.send(.signIn(.signedIn(claimsCashier, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.open(.claims)))
        #expect(d.state.route != .admin(.claims))
        #expect(d.state.status?.text == FeatureStrings.notAllowed(.manageClaims))
    }
}
