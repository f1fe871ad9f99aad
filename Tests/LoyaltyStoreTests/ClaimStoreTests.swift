import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

/// Manufacturer claims on a real store file: rules as versions, the claim made by the redemption, batches,
/// credits, corrections and the money-owed report.
@Suite struct ClaimStoreTests {
    let big = upc("01234567890"), small = upc("01234567891")

    func rules(_ distributor: String = "Acme Pet Supply") -> ClaimRules {
        ClaimRules(items: [ClaimItemRule(upc: big, group: "12 lb", suggestedRetailCents: 3299),
                           ClaimItemRule(upc: small, group: "4 lb", suggestedRetailCents: 1299)],
                   freeItemCap: .suggestedRetail, windowMonths: 12, requiredFields: [.name, .phone, .postalAddress],
                   distributor: distributor, distributorAccount: "ACC-77", claimDeadlineDays: 60)
    }

    /// Sally's dog-food card filled by a Lightspeed sale of 3 bags at 31.49 (ticket T-9, rung up by Ana).
    func completeCard(_ t: TestStore, _ sally: Customer, sale: String = "S1") throws -> Int64 {
        var line = SaleLine(saleID: sale, saleLineID: sale + "-L1", completedAt: t.clock.now, upc: big,
                            description: "MeNow 12 lb", quantity: 3, ticketNumber: "T-9", employee: "Ana")
        line.unitPriceCents = 3149
        let result = try t.store.recordRealtimeSale(customer: sally.id, saleID: sale, lines: [line], by: TestStore.cashier)
        return try #require(result.completedCardIDs.first)
    }

    @Test func aRedemptionBecomesAClaimWithItsWholeProof() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        try t.store.saveClaimRules(program: dog.id, rules(), by: TestStore.admin)
        let card = try completeCard(t, sally)
        // The check asks for the postal address before anything is handed over, and nothing is written.
        let preview = try t.store.previewClaim(card: card, freeItem: big)
        #expect(preview.missingFields == [.postalAddress])
        #expect(preview.ruleFailures.isEmpty)
        #expect(throws: StoreError.claimCheckFailed([.missingCustomerFields([.postalAddress])])) {
            try t.store.redeem(card: card, rewardUPC: big, by: TestStore.cashier)
        }
        #expect(try t.store.claims().isEmpty)
        // Given right there, it is saved with the redemption and the claim carries everything.
        let claimID = try t.store.redeem(card: card, rewardUPC: big,
                                         details: ClaimCustomerDetails(postalAddress: "12 Elm St, Springfield, IL 62701"),
                                         by: TestStore.cashier)
        let claim = try #require(try t.store.claim(id: claimID))
        #expect(claim.state == .uncredited && claim.funding == .claim && claim.distributor == "Acme Pet Supply")
        #expect(claim.claimCents == 3299)
        #expect(claim.proof.distributorAccount == "ACC-77" && claim.proof.storeName == "Paws")
        #expect(claim.proof.customer == ClaimCustomer(name: "Sally Pet Owner", phone: "5558675309",
                                                      postalAddress: "12 Elm St, Springfield, IL 62701"))
        #expect(claim.proof.purchases.map(\.priceCents) == [3149, 3149, 3149])
        #expect(claim.proof.purchases.map(\.receipt) == ["T-9", "T-9", "T-9"])
        #expect(claim.proof.purchases.map(\.rungUpBy) == ["Ana", "Ana", "Ana"])
        #expect(claim.proof.purchases.allSatisfy { $0.size == "12 lb" && $0.saleID == "S1" })
        #expect(claim.proof.check.passed && claim.proof.ruleVersion == 1)
        #expect(claim.dueOn == claim.redeemedOn.adding(days: 60))
        #expect(try t.store.postalAddress(customer: sally.id) == "12 Elm St, Springfield, IL 62701")
        #expect(try t.store.auditLog(AuditFilter(action: .claimCustomerDetails)).count == 1)
    }

    @Test func aFailedRuleIsStoreFundedOrAManagersException() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        try t.store.saveClaimRules(program: dog.id, rules(), by: TestStore.admin)
        let details = ClaimCustomerDetails(postalAddress: "1 Main St")
        let card = try completeCard(t, sally)
        // The 4 lb bag is not the card's size: refused as a claim.
        #expect(try t.store.previewClaim(card: card, freeItem: small, details: details).ruleFailures
                == [.freeItemWrongGroup(free: "4 lb", card: "12 lb")])
        #expect(throws: StoreError.self) { try t.store.redeem(card: card, rewardUPC: small, details: details, by: TestStore.cashier) }
        // A cashier alone cannot make it a claim anyway …
        #expect(throws: StoreError.notAllowed(action: "approve a claim despite a failed rule", needs: .manager)) {
            try t.store.redeem(card: card, rewardUPC: small, funding: .managerException, details: details, by: TestStore.cashier)
        }
        #expect(try t.store.claims().isEmpty)
        // … with a manager's approval it is claimed, the manager named; store-funded is never claimed.
        let approved = Operator(username: "cashier", role: .cashier, approver: .init(username: "manager", role: .manager))
        let id = try t.store.redeem(card: card, rewardUPC: small, funding: .managerException, details: details, by: approved)
        #expect(try t.store.claim(id: id)?.proof.exceptionBy == "manager")
        #expect(try t.store.claim(id: id)?.state == .uncredited)
        let second = try completeCard(t, sally, sale: "S2")
        let funded = try t.store.redeem(card: second, rewardUPC: small, funding: .storeFunded, by: TestStore.cashier)
        #expect(try t.store.claim(id: funded)?.state == .storeFunded)
        // Only the manager's exception goes into a batch; the store-funded one never does.
        #expect(try t.store.createClaimBatches(by: TestStore.manager).map(\.claimCount) == [1])
    }

    @Test func batchSubmitCreditDenyCorrectResubmitReconcile() throws {
        let (t, dog, cat, sally) = try TestStore.withPrograms()
        try t.store.saveClaimRules(program: dog.id, rules(), by: TestStore.admin)
        var catRules = rules("Bravo Distributing")
        catRules.items = [ClaimItemRule(upc: upc("07000000001"), group: "20 lb", suggestedRetailCents: 1899)]
        try t.store.saveClaimRules(program: cat.id, catRules, by: TestStore.admin)
        let details = ClaimCustomerDetails(postalAddress: "1 Main St")
        let a = try t.store.redeem(card: try completeCard(t, sally, sale: "S1"), rewardUPC: big, details: details, by: TestStore.cashier)
        let b = try t.store.redeem(card: try completeCard(t, sally, sale: "S2"), rewardUPC: big, by: TestStore.cashier)
        #expect(throws: StoreError.notAllowed(action: "batch claims", needs: .manager)) {
            try t.store.createClaimBatches(by: TestStore.cashier)
        }
        let batches = try t.store.createClaimBatches(by: TestStore.manager)
        #expect(batches.count == 1 && batches[0].claimCount == 2 && batches[0].totalCents == 6598)
        let label = batches[0].label
        #expect(label.hasPrefix("ACMEPETS-"))
        #expect(try t.store.createClaimBatches(by: TestStore.manager).isEmpty)   // nothing waits any more
        #expect(try t.store.moneyOwed().map(\.notClaimedCents) == [6598])
        try t.store.submitClaimBatch(label: label, by: TestStore.manager)
        #expect(throws: StoreError.invalid("Batch \(label) was already submitted.")) {
            try t.store.submitClaimBatch(label: label, by: TestStore.manager)
        }
        #expect(try t.store.moneyOwed().map(\.awaitingCreditCents) == [6598])
        // A memo line for another batch refuses the whole memo.
        #expect(throws: StoreError.self) {
            try t.store.applyCreditMemo([CreditMemoLine(line: 1, batchLabel: label, claimID: a, outcome: .credited(cents: 3299)),
                                         CreditMemoLine(line: 2, batchLabel: "OTHER-1", claimID: b, outcome: .credited(cents: 1))],
                                        by: TestStore.manager)
        }
        #expect(try t.store.claim(id: a)?.state == .submitted)
        try t.store.applyCreditMemo([CreditMemoLine(line: 1, batchLabel: label, claimID: a, outcome: .credited(cents: 3299)),
                                     CreditMemoLine(line: 2, batchLabel: label, claimID: b,
                                                    outcome: .denied(reason: "incomplete proof: no address"))],
                                    by: TestStore.manager)
        #expect(try t.store.claim(id: b)?.state == .denied)
        #expect(try t.store.moneyOwed().first.map { [$0.deniedCents, $0.creditedUnreconciledCents] } == [3299, 3299])
        // Corrected: the address now on file goes into the proof, and the claim waits for the next batch.
        try t.store.correctClaim(b, note: "postal address added", by: TestStore.manager)
        let corrected = try #require(try t.store.claim(id: b))
        #expect(corrected.state == .corrected && corrected.batchLabel == nil)
        #expect(corrected.proof.customer.postalAddress == "1 Main St" && corrected.proof.check.passed)
        let again = try t.store.createClaimBatches(by: TestStore.manager)
        #expect(again.map(\.claimCount) == [1])
        try t.store.submitClaimBatch(label: again[0].label, by: TestStore.manager)
        #expect(try t.store.claim(id: b)?.state == .resubmitted)
        try t.store.recordClaimCredit(claim: b, batchLabel: again[0].label, .credited(cents: 3299), by: TestStore.manager)
        try t.store.reconcileClaims([a, b], by: TestStore.manager)
        #expect(try t.store.claims().map(\.state) == [.reconciled, .reconciled])
        #expect(try t.store.moneyOwed().isEmpty)
        #expect(try t.store.claimHistory(id: b).map(\.to)
                == [.uncredited, .submitted, .denied, .corrected, .resubmitted, .credited, .reconciled])
        // A submitted claim's redemption cannot be undone silently.
        let aCard = try #require(try t.store.claim(id: a)).cardID
        #expect(throws: StoreError.self) { try t.store.undoRedemption(card: aCard, by: TestStore.manager) }
    }

    @Test func rulesAreVersionedAndAClaimIsJudgedByTheVersionItsCardWasEarnedUnder() throws {
        let (t, dog, _, sally) = try TestStore.withPrograms()
        try t.store.saveClaimRules(program: dog.id, rules(), by: TestStore.admin)
        let card = try completeCard(t, sally)
        t.clock.advance(3600)
        var stricter = rules()
        stricter.requiredFields = [.name, .email]
        let v2 = try t.store.saveClaimRules(program: dog.id, stricter, by: TestStore.admin)
        #expect(v2.version == 2)
        #expect(throws: StoreError.notAllowed(action: "change a program's claim rules", needs: .admin)) {
            try t.store.saveClaimRules(program: dog.id, stricter, by: TestStore.manager)
        }
        // The card filled under version 1: email is not asked, the address is.
        #expect(try t.store.previewClaim(card: card, freeItem: big).missingFields == [.postalAddress])
        // Versions are never rewritten.
        let db = t.raw()
        #expect(throws: SQLError.self) { try db.write { try $0.execute(sql: "UPDATE claim_rule_sets SET version = 9") } }
        // Undoing an unclaimed redemption voids its claim; redeeming again makes a new one.
        let id = try t.store.redeem(card: card, rewardUPC: big, details: ClaimCustomerDetails(postalAddress: "9 Oak"),
                                    by: TestStore.cashier)
        try t.store.undoRedemption(card: card, by: TestStore.manager)
        #expect(try t.store.claim(id: id)?.state == .void)
        let again = try t.store.redeem(card: card, rewardUPC: big, by: TestStore.cashier)
        #expect(again != id)
        #expect(try t.store.claim(id: again)?.state == .uncredited)
    }

    @Test func aUPCListImportIsAllOrNothing() throws {
        let (t, dog, cat, _) = try TestStore.withPrograms()
        let line = { (n: Int, u: UPC, group: String) in
            ClaimItemImport(item: ProgramItem(programID: dog.id, upc: u, description: "Bag \(n)", size: group),
                            rule: ClaimItemRule(upc: u, group: group, suggestedRetailCents: 1000 * n), line: n)
        }
        #expect(throws: StoreError.self) { try t.store.importClaimItems(program: dog.id, [line(1, big, "12 lb")], by: TestStore.admin) }
        try t.store.saveClaimRules(program: dog.id, rules(), by: TestStore.admin)
        // A UPC of another program refuses the file; nothing is added.
        #expect(throws: StoreError.invalid("Nothing imported: line 2: \(upc("07000000001").display) belongs to \"Cat Litter\".")) {
            try t.store.importClaimItems(program: dog.id, [line(1, upc("01234567892"), "30 lb"),
                                                          line(2, upc("07000000001"), "20 lb")], by: TestStore.admin)
        }
        #expect(try t.store.program(id: dog.id)?.items.count == 2)
        let set = try t.store.importClaimItems(program: dog.id, [line(1, upc("01234567892"), "30 lb"), line(2, big, "12 lb")],
                                               by: TestStore.admin)
        #expect(set.version == 2 && set.rules.items.map(\.group) == ["30 lb", "12 lb"])
        #expect(set.rules.distributor == "Acme Pet Supply")
        #expect(try t.store.program(id: dog.id)?.items.count == 3)
        _ = cat
    }
}
