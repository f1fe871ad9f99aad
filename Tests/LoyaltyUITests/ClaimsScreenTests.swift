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
                    passed: Bool = true) -> ClaimRecord {
    let upc = try! UPC.parse("007123000016")
    let check = ClaimCheckResult(failures: passed ? [] : [.freeItemWrongGroup(free: "24 lb", card: "12 lb")],
                                 qualifying: [], group: "12 lb", freeItemPriceCents: 3299, capCents: 3299, claimCents: 3299)
    let proof = ClaimProof(storeName: "Happy Tails", storeAddress: "1200 Harbor Road", locationID: "main",
                           distributor: "Phillips", distributorAccount: "PH-1", program: "MeNow Munchies",
                           manufacturer: "MeNow", ruleVersion: 1,
                           customer: ClaimCustomer(name: name, phone: "6035550199", postalAddress: "12 Elm St"),
                           purchases: [], freeItemUPC: upc, freeItemDescription: "MeNow 12 lb", freeItemSize: "12 lb",
                           freeItemPriceCents: 3299, redeemedOn: LocalDate(iso: "2026-11-20")!, redeemedBy: "cashier",
                           check: check, exceptionBy: passed ? nil : "manager")
    return ClaimRecord(id: id, cardID: id, customerID: id, programID: 1, distributor: "Phillips", funding: .claim, state: state,
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
    private func driver(_ user: User) -> Driver {
        var d = Driver(size: Size(width: 100, height: 30))
        d.send(.signIn(.signedIn(user, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.open(.claims)))
        d.send(.claims(.loaded(claimsData)))
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
