import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing
import TerminalKit

/// The manager screens' view-model on a real temporary store: role checks and refusals, the audit log
/// (newest first, filter, paging), likely duplicates, the combine preview (swap, link choice, joins), the
/// combine itself, and undo redemption on the checkout screen.
@Suite struct ManagerTests {
    /// Sally's duplicate: same phone, a slightly different last name.
    func addDuplicate(_ bench: CheckoutBench) throws -> Customer {
        try bench.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Petowner", phone: "555-867-5309"),
                                    by: CheckoutBench.admin)
    }

    func m(_ bench: CheckoutBench, _ msg: ManagerMsg) { bench.send(.manager(msg)) }

    // MARK: - Roles

    @Test func aCashierCannotReachTheManagerScreens() throws {
        let bench = try CheckoutBench(user: CheckoutBench.cashier)
        for msg in [ManagerMsg.openAuditLog, .openDuplicates] {
            let effects = bench.sendOnly(.manager(msg))
            #expect(effects.isEmpty)
            #expect(bench.state.route == .lookup)
            #expect(bench.state.status?.kind == .error)
            #expect(bench.state.status?.text.contains("a manager must sign in") == true)
        }
        #expect(bench.feature.openCombine(primary: 1, duplicate: 2, &bench.state).isEmpty)
        #expect(bench.state.route == .lookup)
        #expect(bench.sendOnly(.manager(.pickForCombine)).isEmpty)
        #expect(bench.state.manager.combinePick == nil)
    }

    @Test func aCashiersCombineIsRefusedByTheStoreToo() throws {
        let bench = try CheckoutBench(user: CheckoutBench.cashier)
        let dup = try addDuplicate(bench)
        let forged = Effect.manager(.merge(primary: bench.sally.id, duplicate: dup.id, linkChoice: nil, joins: [],
                                           by: bench.cashierOp))
        let answer = bench.runner.run(forged)
        guard case .manager(.failed(.store(.notAllowed(_, needs: .manager)))) = answer else {
            Issue.record("a cashier's merge was not refused by the store: \(String(describing: answer))")
            return
        }
        #expect(try bench.store.customer(id: dup.id)?.mergedInto == nil)
    }

    @Test func aManagerOnAManagerScreenWhoLocksAndACashierSignsInIsSentToLookup() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        m(bench, .openAuditLog)
        #expect(bench.state.route == .manager(.auditLog))
        bench.state.session = Session(user: CheckoutBench.cashier)
        let effects = bench.sendOnly(.manager(.loadMore))
        #expect(effects.isEmpty)
        #expect(bench.state.status?.kind == .error)
    }

    // MARK: - Audit log

    @Test func theAuditLogIsNewestFirstFilteredAndPaged() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        for i in 0..<(AuditLogState.pageSize + 5) {
            try bench.store.addCustomer(CustomerDraft(firstName: "Pat\(i)", lastName: "Many"), by: CheckoutBench.admin)
        }
        m(bench, .openAuditLog)
        let log = bench.state.manager.auditLog
        #expect(bench.state.route == .manager(.auditLog))
        #expect(log.entries.count == AuditLogState.pageSize)
        #expect(log.hasMore)
        #expect(log.entries.map(\.id) == log.entries.map(\.id).sorted(by: >))
        #expect(log.entries.first?.summary.contains("Pat104") == true)

        m(bench, .loadMore)
        let all = bench.state.manager.auditLog.entries
        #expect(all.count > AuditLogState.pageSize)
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(!bench.state.manager.auditLog.hasMore)

        // Filter by action (a prefix of its stored name is enough) and by user.
        m(bench, .editFilter)
        m(bench, .nextFilterField)
        m(bench, .nextFilterField)
        for ch in "program.add" { m(bench, .filterKey(.char(ch))) }
        m(bench, .enter)
        let programs = bench.state.manager.auditLog.entries
        #expect(programs.count == 2)
        #expect(programs.allSatisfy { $0.action == "program.add" })
        #expect(bench.state.manager.auditLog.filterFocus == nil)

        m(bench, .clearFilter)
        #expect(bench.state.manager.auditLog.entries.count == AuditLogState.pageSize)
    }

    @Test func theAuditFilterTakesTheActionWordShownAndACustomersNameOrPhone() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        bench.open()
        try bench.givePunches(CheckoutBench.menow12, 12)
        bench.c(.requestRedeem)
        bench.c(.enter)
        bench.c(.confirm)
        let other = try bench.store.addCustomer(CustomerDraft(firstName: "Kenji", lastName: "Sato", phone: "5550101234"),
                                                by: CheckoutBench.admin)
        try bench.store.recordPurchase(customer: other.id, upc: CheckoutBench.tidy, quantity: 1,
                                       purchaseDate: LocalDate(year: 2025, month: 11, day: 20)!, source: .counter,
                                       by: bench.cashierOp)
        m(bench, .openAuditLog)
        #expect(AuditActionWords.word(forStored: "card.redeem") == "redeem")
        m(bench, .editFilter)
        m(bench, .nextFilterField)
        m(bench, .nextFilterField)
        for ch in "redeem" { m(bench, .filterKey(.char(ch))) }
        m(bench, .enter)
        #expect(bench.state.manager.auditLog.error == nil)
        #expect(bench.state.manager.auditLog.entries.map(\.action) == ["card.redeem"])

        // The customer by name, then by phone digits: only their entries.
        m(bench, .clearFilter)
        m(bench, .editFilter)
        for ch in "sally" { m(bench, .filterKey(.char(ch))) }
        m(bench, .enter)
        let sallys = bench.state.manager.auditLog.entries
        #expect(!sallys.isEmpty && sallys.allSatisfy { $0.customerID == bench.sally.id })
        m(bench, .clearFilter)
        m(bench, .editFilter)
        for ch in "0101234" { m(bench, .filterKey(.char(ch))) }
        m(bench, .enter)
        let kenjis = bench.state.manager.auditLog.entries
        #expect(!kenjis.isEmpty && kenjis.allSatisfy { $0.customerID == other.id })

        // Ambiguous start of a word: both are named.
        m(bench, .clearFilter)
        m(bench, .editFilter)
        m(bench, .nextFilterField)
        m(bench, .nextFilterField)
        for ch in "undo" { m(bench, .filterKey(.char(ch))) }
        #expect(bench.sendOnly(.manager(.enter)).isEmpty)
        #expect(bench.state.manager.auditLog.error == "\"undo\" could be undo punch or undo redeem: type more of it.")
    }

    @Test func theAuditFilterRefusesAnUnknownActionAndABadDate() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        m(bench, .openAuditLog)
        m(bench, .editFilter)
        m(bench, .nextFilterField)
        m(bench, .nextFilterField)
        for ch in "nonsense" { m(bench, .filterKey(.char(ch))) }
        let effects = bench.sendOnly(.manager(.enter))
        #expect(effects.isEmpty)
        #expect(bench.state.manager.auditLog.error?.contains("No action named") == true)

        var fields = AuditLogState().filter
        fields[3].setText("2025-13-45")
        m(bench, .clearFilter)
        bench.state.manager.auditLog.filter = fields
        bench.state.manager.auditLog.filterFocus = 3
        #expect(bench.sendOnly(.manager(.enter)).isEmpty)
        #expect(bench.state.manager.auditLog.error?.contains("From") == true)
    }

    @Test func theAuditDateRangeIsStoreLocalDays() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        m(bench, .openAuditLog)
        bench.state.manager.auditLog.filterFocus = 3
        bench.state.manager.auditLog.filter[3].setText("2025-11-24")
        bench.state.manager.auditLog.filter[4].setText("2025-11-24")
        #expect(bench.state.manager.auditLog.entries.count > 0)
        m(bench, .enter)
        #expect(bench.state.manager.auditLog.entries.count > 0) // everything happened at 11:00 on the 24th
        bench.state.manager.auditLog.filterFocus = 3
        bench.state.manager.auditLog.filter[3].setText("2025-11-25")
        bench.state.manager.auditLog.filter[4].setText("")
        m(bench, .enter)
        #expect(bench.state.manager.auditLog.entries.isEmpty)
    }

    /// At the day boundary where the store's day and UTC's disagree: 23:30 on the 24th in New York is already the
    /// 25th in UTC, 00:30 on the 25th is 05:30 UTC. The From/Until days are the store's.
    @Test func theAuditDateRangeFollowsTheStoresDayNotUTCs() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        bench.storeClock.set(Date(timeIntervalSince1970: 1_764_045_000)) // 2025-11-25 04:30 UTC, 23:30 on the 24th
        try bench.store.addCustomer(CustomerDraft(firstName: "Late", lastName: "Evening"), by: CheckoutBench.admin)
        bench.storeClock.set(Date(timeIntervalSince1970: 1_764_048_600)) // 2025-11-25 05:30 UTC, 00:30 on the 25th
        try bench.store.addCustomer(CustomerDraft(firstName: "Early", lastName: "Morning"), by: CheckoutBench.admin)
        m(bench, .openAuditLog)
        func filtered(from: String, until: String) -> [String] {
            bench.state.manager.auditLog.filterFocus = 3
            bench.state.manager.auditLog.filter[3].setText(from)
            bench.state.manager.auditLog.filter[4].setText(until)
            m(bench, .enter)
            #expect(bench.state.manager.auditLog.error == nil)
            return bench.state.manager.auditLog.entries.map(\.summary)
        }
        let the24th = filtered(from: "2025-11-24", until: "2025-11-24")
        #expect(the24th.contains { $0.contains("Late Evening") }, "\(the24th)")
        #expect(!the24th.contains { $0.contains("Early Morning") }, "\(the24th)")
        let the25th = filtered(from: "2025-11-25", until: "2025-11-25")
        #expect(the25th.count == 1 && the25th.first?.contains("Early Morning") == true, "\(the25th)")
    }

    // MARK: - Likely duplicates and the combine preview

    @Test func likelyDuplicatesAreOneKeyFromTheCombinePreview() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        let dup = try addDuplicate(bench)
        m(bench, .openDuplicates)
        #expect(bench.state.route == .manager(.duplicates))
        let pair = try #require(bench.state.manager.duplicates.pairs.first)
        #expect(Set([pair.first.id, pair.second.id]) == [bench.sally.id, dup.id])
        #expect(pair.reasons.contains(.samePhone))

        m(bench, .enter)
        #expect(bench.state.route == .manager(.combine))
        let preview = try #require(bench.state.manager.combine.preview)
        #expect(preview.primary.customer.id == bench.sally.id)
        #expect(preview.duplicate.customer.id == dup.id)
        #expect(preview.plan != nil)
    }

    @Test func pickingTwoCustomersInLookupOpensThePreviewAndSwapChangesThePrimary() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        let dup = try addDuplicate(bench)
        try bench.store.recordPurchase(customer: dup.id, upc: CheckoutBench.menow12, quantity: 3,
                                       purchaseDate: LocalDate(year: 2025, month: 10, day: 1)!, source: .counter,
                                       by: bench.cashierOp)
        bench.state.lookup.results = [summary(bench.sally.id, "Sally", "Pet Owner"), summary(dup.id, "Sally", "Petowner")]
        bench.state.lookup.selection = ListSelection(count: 2)
        m(bench, .pickForCombine)
        #expect(bench.state.manager.combinePick?.id == bench.sally.id)
        #expect(bench.state.route == .lookup)
        m(bench, .pickForCombine)
        #expect(bench.state.status?.text.contains("same customer") == true)
        bench.state.lookup.selection.select(1, visibleRows: 10)
        m(bench, .pickForCombine)
        #expect(bench.state.route == .manager(.combine))
        var plan = try #require(bench.state.manager.combine.preview?.plan)
        #expect(plan.primaryID == bench.sally.id)
        #expect(plan.cardsToMove.count == 1)
        #expect(plan.movedPunches == 3)

        m(bench, .swapPrimary)
        plan = try #require(bench.state.manager.combine.preview?.plan)
        #expect(plan.primaryID == dup.id)
        #expect(plan.cardsToMove.isEmpty)
        #expect(plan.emailToCopy == "sally@example.com")
    }

    @Test func bothLinkedToLightspeedAsksWhichLinkStays() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        let dup = try addDuplicate(bench)
        try bench.store.linkLightspeed(customer: bench.sally.id, to: "101", by: CheckoutBench.admin)
        try bench.store.linkLightspeed(customer: dup.id, to: "202", by: CheckoutBench.admin)
        #expect(bench.feature.openCombine(primary: bench.sally.id, duplicate: dup.id, &bench.state).count == 1)
        bench.run([.manager(.previewMerge(primary: bench.sally.id, duplicate: dup.id, linkChoice: nil, joinOpenCards: false))])
        #expect(bench.state.manager.combine.needsLinkChoice)
        #expect(bench.state.manager.combine.preview?.plan == nil)
        guard case .store(.mergeRule(.lightspeedChoiceRequired))? = bench.state.manager.combine.preview?.refusal else {
            Issue.record("no link-choice refusal: \(String(describing: bench.state.manager.combine.preview?.refusal))")
            return
        }
        m(bench, .requestMerge)
        #expect(bench.state.manager.combine.confirming == false)
        #expect(bench.state.status?.text == "Both are linked to Lightspeed: press L to choose the link that stays.")

        m(bench, .toggleLink)
        #expect(bench.state.manager.combine.linkChoice == .keepPrimary)
        #expect(bench.state.manager.combine.preview?.plan?.lightspeedCustomerID == "101")
        m(bench, .toggleLink)
        #expect(bench.state.manager.combine.preview?.plan?.lightspeedCustomerID == "202")

        m(bench, .requestMerge)
        #expect(bench.state.manager.combine.confirming)
        m(bench, .confirmMerge)
        #expect(bench.state.route == .checkout(bench.sally.id))
        #expect(try bench.store.customer(id: bench.sally.id)?.lightspeedCustomerID == "202")
        #expect(try bench.store.customer(id: dup.id)?.id == bench.sally.id, "opening the duplicate leads to the primary")
    }

    @Test func joiningOpenCardsOverNIsRefusedAndUnderNIsPlanned() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        let dup = try addDuplicate(bench)
        let day = LocalDate(year: 2025, month: 10, day: 1)!
        try bench.store.recordPurchase(customer: bench.sally.id, upc: CheckoutBench.menow12, quantity: 8,
                                       purchaseDate: day, source: .counter, by: bench.cashierOp)
        try bench.store.recordPurchase(customer: dup.id, upc: CheckoutBench.menow12, quantity: 6,
                                       purchaseDate: day, source: .counter, by: bench.cashierOp)
        _ = bench.feature.openCombine(primary: bench.sally.id, duplicate: dup.id, &bench.state)
        bench.run([.manager(.previewMerge(primary: bench.sally.id, duplicate: dup.id, linkChoice: nil, joinOpenCards: false))])
        #expect(bench.state.manager.combine.preview?.plan?.joins.isEmpty == true)
        m(bench, .toggleJoin)
        #expect(bench.state.manager.combine.preview?.plan == nil)
        #expect(bench.state.manager.combine.preview?.refusal == .store(.mergeRule(.joinExceedsCard(total: 14, max: 12))))
        m(bench, .requestMerge)
        #expect(!bench.state.manager.combine.confirming)

        // Remove two of the duplicate's punches: 8 + 4 = 12 fits, and the joined card is complete.
        let dupCard = try #require(try bench.store.customerDetail(id: dup.id)?.programs.first?.cards.first)
        try bench.store.removePunches(dupCard.punches.prefix(2).map(\.id), reason: "scanned twice",
                                      by: Operator(CheckoutBench.manager))
        m(bench, .toggleJoin)
        m(bench, .toggleJoin)
        let plan = try #require(bench.state.manager.combine.preview?.plan)
        #expect(plan.joins.count == 1)
        #expect(plan.joins.first?.countAfter == 12)
        #expect(plan.joins.first?.stateAfter == .complete)
    }

    @Test func combiningTwoCustomersWithNothingInCommonTakesASecondY() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        let kenji = try bench.store.addCustomer(CustomerDraft(firstName: "Kenji", lastName: "Sato", phone: "5550101234"),
                                                by: CheckoutBench.admin)
        _ = bench.feature.openCombine(primary: bench.sally.id, duplicate: kenji.id, &bench.state)
        bench.run([.manager(.previewMerge(primary: bench.sally.id, duplicate: kenji.id, linkChoice: nil, joinOpenCards: false))])
        #expect(bench.state.manager.combine.sharesNothing)
        m(bench, .requestMerge)
        #expect(bench.sendOnly(.manager(.enter)).isEmpty, "Enter does not combine two unrelated customers")
        #expect(bench.sendOnly(.manager(.confirmMerge)).isEmpty, "the first Y asks again")
        #expect(bench.state.manager.combine.confirmingUnrelated)
        let effects = bench.sendOnly(.manager(.confirmMerge))
        #expect(effects == [.manager(.merge(primary: bench.sally.id, duplicate: kenji.id, linkChoice: nil, joins: [],
                                            by: Operator(CheckoutBench.manager)))])
    }

    @Test func combiningMovesEverythingOpensThePrimaryAndIsAudited() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        let dup = try addDuplicate(bench)
        try bench.store.recordPurchase(customer: dup.id, upc: CheckoutBench.tidy, quantity: 4,
                                       purchaseDate: LocalDate(year: 2025, month: 10, day: 1)!, source: .counter,
                                       by: bench.cashierOp)
        _ = bench.feature.openCombine(primary: bench.sally.id, duplicate: dup.id, &bench.state)
        bench.run([.manager(.previewMerge(primary: bench.sally.id, duplicate: dup.id, linkChoice: nil, joinOpenCards: false))])
        m(bench, .escape) // nothing to close: leaves
        #expect(bench.state.route == .lookup)
        _ = bench.feature.openCombine(primary: bench.sally.id, duplicate: dup.id, &bench.state)
        bench.run([.manager(.previewMerge(primary: bench.sally.id, duplicate: dup.id, linkChoice: nil, joinOpenCards: false))])
        m(bench, .requestMerge)
        #expect(bench.state.manager.combine.confirming)
        m(bench, .escape)
        #expect(!bench.state.manager.combine.confirming)
        #expect(bench.state.route == .manager(.combine))
        m(bench, .enter)
        let effects = bench.sendOnly(.manager(.confirmMerge))
        #expect(effects == [.manager(.merge(primary: bench.sally.id, duplicate: dup.id, linkChoice: nil, joins: [],
                                            by: Operator(CheckoutBench.manager)))])
        bench.run(effects)
        #expect(bench.state.route == .checkout(bench.sally.id))
        #expect(bench.state.status?.text == "Combined into Sally Pet Owner.")
        let detail = try #require(try bench.store.customerDetail(id: bench.sally.id))
        #expect(detail.programs.flatMap(\.cards).reduce(0) { $0 + $1.countingPunches } == 4)
        #expect(try bench.store.searchCustomers("Petowner").isEmpty)
        let audit = try bench.store.auditLog(AuditFilter(action: .customerMerge))
        #expect(audit.count == 2)
        #expect(audit.allSatisfy { $0.username == "manager" && $0.summary.contains("4 punches") })
    }

    // MARK: - Undo redemption and removal on a redeemed card

    func redeemedBench(_ user: User) throws -> (CheckoutBench, Int64) {
        let bench = try CheckoutBench(user: user)
        bench.open()
        try bench.givePunches(CheckoutBench.tidy, 10)
        let card = try #require(bench.card(bench.tidyProgram))
        try bench.store.redeem(card: card.id, rewardUPC: CheckoutBench.tidy, by: bench.cashierOp)
        bench.c(.reload)
        bench.c(.toggleHistory)
        bench.selectCard(card.id)
        return (bench, card.id)
    }

    @Test func aManagerUndoesARedemptionAfterConfirming() throws {
        let (bench, cardID) = try redeemedBench(CheckoutBench.manager)
        bench.c(.requestUndoRedemption)
        guard case .confirm(let pending) = bench.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(pending.action == .undoRedemption(cardID: cardID))
        #expect(pending.lines.first == "Tidy Kitty card 10/10 goes from redeemed to complete.")
        #expect(pending.lines[1] == "The free item (Tidy Kitty 20 lb) is taken back.")
        bench.c(.confirm)
        #expect(bench.checkout.data?.card(cardID)?.card.state == .complete)
        #expect(bench.state.status?.text == "Redemption undone: the card is complete again.")
        let audit = try bench.store.auditLog(AuditFilter(action: .redeemUndo))
        #expect(audit.first?.username == "manager")
    }

    @Test func aCashierUndoesARedemptionWithAManagersPIN() throws {
        let (bench, cardID) = try redeemedBench(CheckoutBench.cashier)
        bench.c(.requestUndoRedemption)
        bench.c(.confirm)
        guard case .override = bench.checkout.modal else {
            Issue.record("no override: \(String(describing: bench.checkout.modal))")
            return
        }
        bench.typeInForm("manager")
        bench.c(.modalNextField)
        bench.typeInForm("2222")
        bench.c(.modalSubmit)
        #expect(bench.checkout.data?.card(cardID)?.card.state == .complete)
        let audit = try #require(try bench.store.auditLog(AuditFilter(action: .redeemUndo)).first)
        #expect(audit.username == "cashier")
        #expect(audit.approver == "manager")
    }

    @Test func undoRedemptionOnACardNotRedeemedIsRefused() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        bench.open()
        try bench.givePunches(CheckoutBench.tidy, 3)
        bench.c(.requestUndoRedemption)
        #expect(bench.checkout.modal == nil)
        #expect(bench.state.status?.text.contains("Select a redeemed card") == true)
    }

    @Test func removingAPunchFromARedeemedCardIsRefusedAndOffersToUndoTheRedemptionFirst() throws {
        let (bench, cardID) = try redeemedBench(CheckoutBench.manager)
        bench.c(.openCard)
        bench.c(.requestRemovePunch)
        guard case .confirm(let pending) = bench.checkout.modal else {
            Issue.record("no refusal with its way out: \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(pending.title == "Cannot remove: the card is redeemed")
        #expect(pending.action == .undoRedemption(cardID: cardID), "Y undoes the redemption, nothing else")
        #expect(pending.lines[0].contains("This card has been redeemed"))
        #expect(pending.lines[2] == "Tidy Kitty 10/10 was redeemed 2025-11-24 by cashier (Tidy Kitty 20 lb).")
        #expect(pending.lines.contains { $0.contains("Y undoes the redemption first") })
        #expect(try bench.store.auditLog(AuditFilter(action: .punchRemove)).isEmpty)
        // N changes nothing.
        bench.c(.escape)
        #expect(bench.checkout.data?.card(cardID)?.card.state == .redeemed)
        // Y undoes the redemption and goes on to the card's punches, the same punch selected: Del removes it.
        bench.c(.openCard)
        bench.c(.move(.down))
        bench.c(.requestRemovePunch)
        bench.c(.confirm)
        #expect(bench.checkout.data?.card(cardID)?.card.state == .complete)
        guard case .cardDetail(cardID, let list) = bench.checkout.modal else {
            Issue.record("not back on the punch list: \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(list.index == 1, "the punch that was asked for stays selected")
        #expect(bench.state.status?.text.hasSuffix(CheckoutStrings.nowPickThePunch) == true)
        bench.c(.requestRemovePunch)
        guard case .removeReason = bench.checkout.modal else {
            Issue.record("no reason form after the undo: \(String(describing: bench.checkout.modal))")
            return
        }
    }

    @Test func aCashierMustGiveAManagersPINToUndoTheRedemptionBeforeARemoval() throws {
        let (bench, cardID) = try redeemedBench(CheckoutBench.cashier)
        bench.c(.openCard)
        bench.c(.requestRemovePunch)
        bench.c(.confirm)
        guard case .override = bench.checkout.modal else {
            Issue.record("no override: \(String(describing: bench.checkout.modal))")
            return
        }
        bench.typeInForm("manager")
        bench.c(.modalNextField)
        bench.typeInForm("2222")
        bench.c(.modalSubmit)
        #expect(bench.checkout.data?.card(cardID)?.card.state == .complete)
        #expect(try bench.store.auditLog(AuditFilter(action: .redeemUndo)).first?.approver == "manager")
    }

    @Test func aCashiersRemovalConfirmationSaysWhatIsKeptAndThatAPINComesNext() throws {
        let bench = try CheckoutBench(user: CheckoutBench.cashier)
        bench.open()
        try bench.givePunches(CheckoutBench.menow12, 7)
        let card = try #require(bench.card(bench.menow))
        bench.selectCard(card.id)
        bench.c(.openCard)
        bench.c(.requestRemovePunch)
        bench.c(.modalSubmit)
        guard case .confirm(let pending) = bench.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(pending.needsApproval)
        #expect(pending.lines.contains("MeNow Munchies card goes from 7/12 to 6/12."))
        #expect(pending.lines.contains("Kept in the card's history, struck through, with who, when and why."))
        #expect(pending.lines.contains("A manager's name and PIN are asked next."))
    }

    @Test func theAuditLogCarriesTheStoresTimeZone() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        m(bench, .openAuditLog)
        #expect(bench.state.manager.auditLog.timeZoneID == "America/New_York")
        #expect(!bench.state.manager.auditLog.entries.isEmpty)
    }

    // MARK: - Punch removal: common reasons, "Other" needs text, the confirmation says what changes

    @Test func removingAPunchOffersCommonReasonsAndSaysWhatChanges() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        bench.open()
        try bench.givePunches(CheckoutBench.tidy, 10)
        let card = try #require(bench.card(bench.tidyProgram))
        #expect(card.card.state == .complete)
        bench.selectCard(card.id)
        bench.c(.openCard)
        bench.c(.requestRemovePunch)
        guard case .removeReason(let form, _) = bench.checkout.modal else {
            Issue.record("no reason form: \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(form.visibleIndexes == [0], "the other-reason field waits for Other")
        // "Other" with no text is refused: a reason is required.
        for _ in 0..<4 { bench.c(.modalEdit(.right)) }
        guard case .removeReason(let other, _) = bench.checkout.modal else {
            Issue.record("expected .removeReason, got \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(other.visibleIndexes == [0, 1])
        bench.c(.modalSubmit)
        guard case .removeReason = bench.checkout.modal else {
            Issue.record("an empty reason went through")
            return
        }
        #expect(bench.state.status?.kind == .error)
        // Back to "Wrong item".
        bench.c(.modalEdit(.left))
        bench.c(.modalEdit(.left))
        bench.c(.modalSubmit)
        guard case .confirm(let pending) = bench.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: bench.checkout.modal))")
            return
        }
        #expect(pending.lines[1] == "Tidy Kitty card goes from 10/10 to 9/10; the complete card becomes open again.")
        #expect(pending.lines[2] == "Reason: Wrong item.")
        bench.c(.confirm)
        #expect(bench.card(bench.tidyProgram)?.card.state == .open)
        let removed = try #require(bench.card(bench.tidyProgram)?.detail.punches.first { !$0.counts })
        #expect(removed.removal?.reason == "Wrong item")
        #expect(removed.removal?.removedBy == "manager")
        let audit = try #require(try bench.store.auditLog(AuditFilter(action: .punchRemove)).first)
        #expect(audit.summary.contains("Wrong item"))
    }

    // MARK: - Navigation back

    @Test func theCustomersAuditLogFromCheckoutShowsOnlyThemAndEscReturns() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        _ = try addDuplicate(bench)
        bench.open()
        try bench.givePunches(CheckoutBench.tidy, 2)
        bench.send(.manager(.openCustomerAuditLog))
        #expect(bench.state.route == .manager(.auditLog))
        let entries = bench.state.manager.auditLog.entries
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { $0.customerID == bench.sally.id })
        #expect(bench.state.manager.auditLog.filter[0].text == "#\(bench.sally.id)")
        m(bench, .escape)
        #expect(bench.state.route == .checkout(bench.sally.id))
    }

    @Test func aCashierOnCheckoutCannotOpenTheCustomersAuditLog() throws {
        let bench = try CheckoutBench(user: CheckoutBench.cashier)
        bench.open()
        #expect(bench.sendOnly(.manager(.openCustomerAuditLog)).isEmpty)
        #expect(bench.state.route == .checkout(bench.sally.id))
        #expect(bench.state.status?.text.contains("a manager must sign in") == true)
    }

    @Test func escFromAPreviewOpenedFromTheListGoesBackToTheList() throws {
        let bench = try CheckoutBench(user: CheckoutBench.manager)
        _ = try addDuplicate(bench)
        m(bench, .openDuplicates)
        m(bench, .enter)
        m(bench, .swapPrimary)
        #expect(bench.state.route == .manager(.combine))
        m(bench, .escape)
        #expect(bench.state.route == .manager(.duplicates))
        m(bench, .escape)
        #expect(bench.state.route == .lookup)
    }
}
