import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit
import Testing

@Suite("Checkout: scanning")
struct CheckoutScanTests {
    @Test func enterInLookupOpensCheckoutAndLoadsTheCustomer() throws {
        let b = try CheckoutBench()
        let asked = b.feature.openCustomer(b.sally.id, &b.state)
        #expect(asked == [.checkout(.load(customerID: b.sally.id))])
        #expect(b.state.route == .checkout(b.sally.id))
        #expect(b.checkout.isLoading)
        b.run(asked)
        #expect(b.checkout.data?.customer.fullName == "Sally Pet Owner")
        #expect(b.checkout.visibleCards.isEmpty)
    }

    @Test func aScanAsksForOnePurchaseAndTheCardShowsIt() throws {
        let b = try CheckoutBench()
        b.open()
        b.type(CheckoutBench.menow12.display)
        #expect(b.checkout.scan.text == "007123000016")
        let asked = b.sendOnly(.checkout(.enter))
        #expect(asked == [.checkout(.perform(.recordPurchase(customerID: b.sally.id, upc: CheckoutBench.menow12, quantity: 1,
                                                             preferredCardID: nil),
                                             customerID: b.sally.id, by: b.cashierOp, approval: nil))])
        #expect(b.checkout.scan.text.isEmpty, "the field is ready for the next scan at once")
        #expect(b.checkout.inFlight == 1)
        b.run(asked)
        #expect(b.checkout.inFlight == 0)
        #expect(b.card(b.menow)?.status.progress == "1/12")
        #expect(b.checkout.todaysPurchases.count == 1)
        #expect(b.state.status?.text == "MeNow 12 lb → MeNow Munchies 1/12")
    }

    @Test func aQuantityPrefixRecordsSeveralUnits() throws {
        let b = try CheckoutBench()
        b.open()
        b.type("3*" + CheckoutBench.menow12.display)
        let asked = b.sendOnly(.checkout(.enter))
        guard case .checkout(.perform(.recordPurchase(_, _, let quantity, _), _, _, _, _)) = asked.first else {
            Issue.record("no purchase asked: \(asked)")
            return
        }
        #expect(quantity == 3)
        b.run(asked)
        #expect(b.card(b.menow)?.status.progress == "3/12")
        #expect(b.state.status?.text.hasPrefix("3 × MeNow 12 lb") == true)
    }

    @Test func aBadCheckDigitIsRefusedAndNothingIsRecorded() throws {
        let b = try CheckoutBench()
        b.open()
        b.type("007123000017")
        #expect(b.sendOnly(.checkout(.enter)).isEmpty)
        #expect(b.state.status?.kind == .error)
        #expect(b.state.status?.text.contains("check digit") == true)
        #expect(b.checkout.scan.text.isEmpty)
        #expect(try b.store.customerDetail(id: b.sally.id)?.programs.isEmpty == true)
    }

    @Test func aQuantityOutOfRangeIsRefused() throws {
        let b = try CheckoutBench()
        b.open()
        b.type("0*" + CheckoutBench.menow12.display)
        #expect(b.sendOnly(.checkout(.enter)).isEmpty)
        #expect(b.state.status?.text.contains("not a quantity") == true)
    }

    @Test func anUnknownUPCOffersAnExceptionWithTheCodeFilledIn() throws {
        let b = try CheckoutBench()
        b.open()
        b.scan(CheckoutBench.unknown)
        #expect(b.checkout.modal == .unknownUPC(CheckoutBench.unknown, quantity: 1))
        #expect(b.state.status?.text.contains("in no program") == true)
        b.c(.addAsException)
        guard case .exception(let form, fromScan: true) = b.checkout.modal else {
            Issue.record("no exception form: \(String(describing: b.checkout.modal))")
            return
        }
        #expect(form.text(4) == CheckoutBench.unknown.display)
        #expect(try b.store.customerDetail(id: b.sally.id)?.programs.isEmpty == true)
    }

    @Test func twelveFastScansFillTheCardAndItSaysRewardEarned() throws {
        let b = try CheckoutBench()
        b.open()
        // A scanner: all twelve scans are typed before any answer comes back.
        var asked: [Effect] = []
        for _ in 0..<12 {
            b.type(CheckoutBench.menow12.display)
            asked += b.sendOnly(.checkout(.enter))
        }
        #expect(asked.count == 12)
        #expect(b.checkout.inFlight == 12)
        b.run(asked)
        let card = try #require(b.card(b.menow))
        #expect(card.status.progress == "12/12")
        #expect(card.card.state == .complete)
        #expect(b.checkout.justCompleted.contains(card.id))
        #expect(b.checkout.inFlight == 0)
        #expect(b.checkout.todaysPurchases.count == 12)
    }

    /// Issue 14 #2 changed this: the digits still go to the scan field over a picker, but Enter there no
    /// longer punches behind it (ScanSafetyTests has the rule).
    @Test func digitsGoToTheScanFieldWhileAPickerIsOpenAndEnterHoldsTheScan() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 12)
        b.c(.requestRedeem)
        guard case .redeemPick = b.checkout.modal else {
            Issue.record("no picker")
            return
        }
        b.type(CheckoutBench.tidy.display)
        #expect(b.checkout.scan.text == CheckoutBench.tidy.display)
        let asked = b.sendOnly(.checkout(.enter))
        #expect(asked.isEmpty, "Enter with digits waiting is a scan: held, not punched behind the picker")
        guard case .redeemPick = b.checkout.modal else {
            Issue.record("the picker closed")
            return
        }
        #expect(b.checkout.scan.text.isEmpty)
        #expect(b.checkout.held.map(\.upc) == [CheckoutBench.tidy])
    }

    @Test func digitsGoToAnOpenFormNotTheScanField() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.requestPaper)
        b.c(.modalNextField)
        b.type("5")
        #expect(b.checkout.scan.text.isEmpty)
        guard case .paper(let form) = b.checkout.modal else {
            Issue.record("no paper form")
            return
        }
        #expect(form.text(1) == "5")
    }

    @Test func aPastedScanWithALineEndIsRecorded() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.scanKey(.paste(CheckoutBench.menow12.display + "\n" + CheckoutBench.tidy.display + "\n")))
        #expect(b.card(b.menow)?.status.progress == "1/12")
        #expect(b.card(b.tidyProgram)?.status.progress == "1/10")
    }

    @Test func withTwoOpenCardsThePunchGoesToTheSelectedOne() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 4)
        let original = try #require(b.card(b.menow))
        try b.store.splitCard(card: original.id, moving: Set(original.counting.prefix(2).map(\.id)), by: b.cashierOp)
        b.c(.reload)
        let second = try #require(b.card(b.menow, 1))
        b.selectCard(second.id)
        b.type(CheckoutBench.menow12.display)
        let asked = b.sendOnly(.checkout(.enter))
        guard case .checkout(.perform(.recordPurchase(_, _, _, let preferred), _, _, _, _)) = asked.first else {
            Issue.record("no purchase")
            return
        }
        #expect(preferred == second.id)
    }
}

@Suite("Checkout: card actions")
struct CheckoutActionTests {
    @Test func redeemingAnIncompleteCardIsRefused() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 7)
        #expect(b.c(.requestRedeem).isEmpty)
        #expect(b.checkout.modal == nil)
        #expect(b.state.status?.kind == .error)
        #expect(b.state.status?.text == CardRefusal.notComplete(.open).description)
    }

    @Test func redeemPicksTheFreeItemConfirmsAndRecords() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 12)
        let card = try #require(b.card(b.menow))
        b.c(.requestRedeem)
        b.c(.move(.down))
        b.c(.enter)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(pending.action == .redeem(cardID: card.id, rewardUPC: CheckoutBench.menow24, funding: .claim, details: nil))
        #expect(pending.lines.first == "MeNow Munchies 12/12: give MeNow 24 lb (24 lb) free.")
        b.c(.confirm)
        #expect(b.checkout.modal == nil)
        #expect(b.card(b.menow)?.card.state == .redeemed)
        #expect(b.checkout.visibleCards.isEmpty, "redeemed cards are history")
        b.c(.toggleHistory)
        #expect(b.checkout.visibleCards.count == 1)
        let audit = try b.store.auditLog(AuditFilter(action: .redeem))
        #expect(audit.first?.username == "cashier")
    }

    @Test func showingAndHidingRedeemedCardsKeepsTheSelectedCardSelected() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        try b.redeemAFullMeNowCard()
        try b.givePunches(CheckoutBench.menow12, 3)
        try b.givePunches(CheckoutBench.tidy, 2)
        let tidy = try #require(b.card(b.tidyProgram))
        b.selectCard(tidy.id)
        #expect(b.checkout.selectedCard?.id == tidy.id)
        b.c(.toggleHistory)
        #expect(b.checkout.visibleCards.count == 3, "the redeemed MeNow card is listed above")
        #expect(b.checkout.selectedCard?.id == tidy.id, "H must not move the selection to another card")
        b.c(.toggleHistory)
        #expect(b.checkout.selectedCard?.id == tidy.id)
    }

    /// Checkout reads redeemed cards without their punches; H asks for them, and the cards appear only when they
    /// are here, whole. While they are shown every read takes them, and a read without them (an answer to a write
    /// sent before H) is followed by one with them.
    @Test func redeemedCardsAppearWholeWhenTheirPunchesArrive() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        try b.redeemAFullMeNowCard()
        let redeemed = try #require(b.card(b.menow))
        #expect(redeemed.card.state == .redeemed)
        #expect(!redeemed.detail.punchesRead, "the checkout read it without its punches")
        #expect(redeemed.detail.countingPunches == 12)
        #expect(b.checkout.redeemedCount == 1)

        let asked = b.sendOnly(.checkout(.toggleHistory))
        #expect(asked == [.checkout(.load(customerID: b.sally.id, redeemedPunches: true))])
        #expect(b.checkout.visibleCards.isEmpty, "not listed before its punches are here")
        b.run(asked)
        #expect(b.checkout.visibleCards.map(\.id) == [redeemed.id])
        #expect(b.checkout.visibleCards.first?.detail.punches.count == 12)

        b.scan(CheckoutBench.menow12)
        #expect(b.effects.contains { effect in
            if case .checkout(.perform(.recordPurchase, customerID: _, by: _, approval: _, redeemedPunches: true)) = effect { true }
            else { false }
        }, "a scan while they are shown reads them with its answer")
        #expect(b.checkout.visibleCards.first { $0.id == redeemed.id }?.detail.punches.count == 12)

        let late = try #require(b.runner.run(.checkout(.load(customerID: b.sally.id, redeemedPunches: false))))
        let followUp = b.sendOnly(late)
        #expect(followUp == [.checkout(.load(customerID: b.sally.id, redeemedPunches: true))])
        #expect(!b.checkout.visibleCards.contains { $0.id == redeemed.id }, "never drawn without its punches")
        b.run(followUp)
        #expect(b.checkout.visibleCards.first { $0.id == redeemed.id }?.detail.punches.count == 12)
    }

    /// H pressed twice before the redeemed cards' punches arrive changes nothing on screen (positive control: one
    /// H and the same answer show them).
    @Test func secondHBeforeTheRedeemedPunchesArriveKeepsThemHidden() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        try b.redeemAFullMeNowCard()
        let asked = b.sendOnly(.checkout(.toggleHistory))
        #expect(b.sendOnly(.checkout(.toggleHistory)).isEmpty)
        b.run(asked)
        #expect(b.checkout.visibleCards.isEmpty)
        #expect(!b.checkout.showsRedeemed)

        b.c(.toggleHistory)
        #expect(b.checkout.visibleCards.count == 1)
    }

    @Test func escapeInTheConfirmationChangesNothing() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 12)
        b.c(.requestRedeem)
        b.c(.move(.down))
        b.c(.enter)
        b.c(.escape)
        #expect(b.checkout.modal == .redeemPick(cardID: b.card(b.menow)!.id, ListSelection(count: 2, index: 1)),
                "N goes back to the picker with the item that was picked")
        b.c(.escape)
        #expect(b.checkout.modal == nil)
        #expect(b.card(b.menow)?.card.state == .complete)
        #expect(b.state.route == .checkout(b.sally.id), "Esc closed the dialog, not the screen")
    }

    @Test func nAtTheSplitQuestionGoesBackWithTheMarksKept() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 4)
        let card = try #require(b.card(b.menow))
        b.c(.requestSplit)
        b.c(.toggleMark)
        b.c(.toggleMark)
        guard case .split(_, let marked, let list) = b.checkout.modal else {
            Issue.record("no split dialog")
            return
        }
        #expect(marked.count == 2 && list.index == 2, "Space marks and goes to the next punch")
        b.c(.enter)
        guard case .confirm = b.checkout.modal else {
            Issue.record("no question")
            return
        }
        b.c(.escape) // N
        #expect(b.checkout.modal == .split(cardID: card.id, marked: marked, list))
    }

    @Test func todaysPurchasesShowOneLinePerScan() throws {
        let b = try CheckoutBench()
        b.open()
        b.scan(CheckoutBench.menow12, quantity: 3)
        b.scan(CheckoutBench.tidy)
        let groups = b.checkout.todaysGroups
        #expect(groups.map(\.count) == [1, 3], "newest first: the Tidy bag, then the three MeNow bags of one scan")
        #expect(groups[1].punches.allSatisfy { $0.upc == CheckoutBench.menow12 })
    }

    @Test func splittingAOnePunchCardIsRefused() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 1)
        b.c(.requestSplit)
        #expect(b.checkout.modal == nil)
        #expect(b.state.status?.text == CardRefusal.splitNeedsTwoPunches(have: 1).description)
    }

    @Test func splitMovesTheMarkedPunchesToANewCard() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 5)
        b.c(.requestSplit)
        b.c(.toggleMark)
        b.c(.toggleMark)
        b.c(.enter)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: b.state.status))")
            return
        }
        #expect(pending.lines.first == "MeNow Munchies 5/12 becomes 3/12 and a new card 2/12.")
        b.c(.confirm)
        #expect(b.checkout.visibleCards.map(\.status.progress) == ["3/12", "2/12"])
        #expect(try b.store.auditLog(AuditFilter(action: .cardSplit)).count == 1)
    }

    @Test func splittingEveryPunchIsRefusedInTheDialog() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 2)
        b.c(.requestSplit)
        b.c(.toggleMark)
        b.c(.toggleMark)
        b.c(.enter)
        guard case .split = b.checkout.modal else {
            Issue.record("the dialog closed")
            return
        }
        #expect(b.state.status?.text == CardRefusal.splitAllChosen.description)
    }

    @Test func aCashierUndoesTodaysPunch() throws {
        let b = try CheckoutBench()
        b.open()
        b.scan(CheckoutBench.menow12)
        b.scan(CheckoutBench.menow12)
        b.c(.requestUndo)
        b.c(.enter)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(pending.lines.contains("MeNow Munchies: 2/12 → 1/12."))
        b.c(.confirm)
        #expect(b.card(b.menow)?.status.progress == "1/12")
        #expect(b.checkout.todaysPurchases.count == 1)
        #expect(try b.store.auditLog(AuditFilter(action: .punchUndo)).first?.username == "cashier")
    }

    @Test func undoWithNothingTodayIsRefused() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 2)
        b.c(.requestUndo)
        #expect(b.checkout.modal == nil)
        #expect(b.state.status?.text == CheckoutStrings.noTodaysPurchases)
    }

    @Test func anExceptionByACashierNeedsAManagersPIN() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.requestException)
        b.typeInForm("m") // program: MeNow Munchies
        b.c(.modalNextField) // reason
        b.c(.modalNextField) // item (other reason hidden)
        b.typeInForm("Trial bag 3 lb")
        b.c(.modalSubmit)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: b.state.status))")
            return
        }
        #expect(pending.needsApproval)
        // Confirming asks for the manager; nothing is written yet.
        #expect(b.c(.confirm).isEmpty)
        guard case .override(_, _, checking: false) = b.checkout.modal else {
            Issue.record("no override dialog")
            return
        }
        // A wrong PIN: refused, the dialog stays with the PIN cleared.
        b.typeInForm("manager")
        b.c(.modalNextField)
        b.typeInForm("0000")
        b.c(.enter)
        guard case .override(let form, _, checking: false) = b.checkout.modal else {
            Issue.record("the override dialog closed")
            return
        }
        #expect(form.text(1).isEmpty)
        #expect(form.error != nil)
        #expect(b.card(b.menow) == nil)
        // The right PIN: recorded under both names.
        b.typeInForm("2222")
        b.c(.enter)
        #expect(b.checkout.modal == nil)
        let card = try #require(b.card(b.menow))
        #expect(card.counting.first?.source == .exception)
        #expect(card.counting.first?.exceptionReason == "New item / new UPC")
        let audit = try #require(try b.store.auditLog(AuditFilter(action: .exception)).first)
        #expect(audit.username == "cashier")
        #expect(audit.approver == "manager")
    }

    @Test func theExceptionFormStartsOnNoProgramAndTypingJumpsToOne() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        try b.givePunches(CheckoutBench.menow12, 2) // a MeNow card is selected: still no program chosen
        b.c(.requestException)
        guard case .exception(let opened, _) = b.checkout.modal else {
            Issue.record("no form")
            return
        }
        #expect(opened.choice(0) == -1)
        b.c(.modalSubmit)
        #expect(b.state.status?.text == CheckoutStrings.pickProgram)
        b.typeInForm("t")
        guard case .exception(let form, _) = b.checkout.modal else { return }
        #expect(form.choice(0) == 1, "t jumps to Tidy Kitty")
        b.typeInForm("m")
        guard case .exception(let again, _) = b.checkout.modal else { return }
        #expect(again.choice(0) == 0, "m jumps to MeNow Munchies")
    }

    @Test func escOnAnExceptionFormWithAnItemTypedAsksFirst() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        b.c(.requestException)
        b.c(.escape)
        #expect(b.checkout.modal == nil && b.state.modal == nil, "an untouched form closes at once")
        b.c(.requestException)
        b.typeInForm("m")
        b.c(.modalNextField)
        b.c(.modalNextField)
        b.typeInForm("Trial bag")
        b.c(.escape)
        guard case .exception(let kept, _) = b.checkout.modal else {
            Issue.record("Esc threw the form away")
            return
        }
        #expect(kept.text(3) == "Trial bag")
        #expect(b.state.modal == .confirmDiscard(.checkout(.escape)))
        b.send(.discardConfirmed)
        #expect(b.checkout.modal == nil && b.state.modal == nil)
        #expect(b.state.route == .checkout(b.sally.id), "Y closed the form, not the screen")
    }

    @Test func anExceptionNeedsAnItemAndOtherNeedsWords() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.requestException)
        b.typeInForm("m") // program: MeNow Munchies
        b.c(.modalSubmit)
        #expect(b.state.status?.text == CheckoutStrings.describeItem)
        b.c(.modalNextField)
        b.c(.modalEdit(.left)) // reason: Other
        b.c(.modalNextField)
        guard case .exception(let form, _) = b.checkout.modal else {
            Issue.record("no form")
            return
        }
        #expect(form.fields[2].isVisible, "Other shows its text field")
        #expect(form.focus == 2)
        b.c(.modalNextField)
        b.typeInForm("Sample")
        b.c(.modalSubmit)
        #expect(b.state.status?.text == CardRefusal.otherReasonNeedsText.description)
    }

    @Test func aManagerAddsAnExceptionWithoutTheOverride() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        b.c(.requestException)
        b.typeInForm("m") // program: MeNow Munchies
        b.c(.modalNextField)
        b.c(.modalNextField)
        b.typeInForm("Trial bag")
        b.c(.modalSubmit)
        b.c(.confirm)
        #expect(b.checkout.modal == nil)
        #expect(b.card(b.menow)?.counting.count == 1)
        #expect(try b.store.auditLog(AuditFilter(action: .exception)).first?.approver == nil)
    }

    @Test func threeOfAnUnknownItemBecomeThreeExceptionPunchesInOneStep() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        b.scan(CheckoutBench.unknown, quantity: 3)
        #expect(b.checkout.modal == .unknownUPC(CheckoutBench.unknown, quantity: 3))
        b.c(.addAsException)
        guard case .exception(let form, fromScan: true) = b.checkout.modal else {
            Issue.record("no exception form: \(String(describing: b.checkout.modal))")
            return
        }
        #expect(form.text(5) == "3")
        b.typeInForm("m") // program: MeNow Munchies
        b.c(.modalNextField)
        b.c(.modalNextField)
        b.typeInForm("Trial bag")
        b.c(.modalSubmit)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(pending.lines.first?.hasPrefix("3 × Trial bag") == true)
        b.c(.confirm)
        #expect(b.checkout.modal == nil)
        #expect(b.card(b.menow)?.counting.filter { $0.source == .exception }.count == 3)
        let entries = try b.store.auditLog(AuditFilter(action: .exception))
        #expect(entries.count == 1, "one audit entry for the three units")
        #expect(entries.first?.summary.contains("3 × Trial bag") == true)
    }

    @Test func anExceptionQuantityOfZeroIsRefusedInTheForm() throws {
        let b = try CheckoutBench(user: CheckoutBench.manager)
        b.open()
        b.c(.requestException)
        b.typeInForm("m") // program: MeNow Munchies
        b.c(.modalNextField)
        b.c(.modalNextField)
        b.typeInForm("Trial bag")
        for _ in 0..<2 { b.c(.modalNextField) }
        b.c(.modalEdit(.backspace))
        b.typeInForm("0")
        b.c(.modalSubmit)
        guard case .exception(let form, _) = b.checkout.modal else {
            Issue.record("the form closed: \(String(describing: b.checkout.modal))")
            return
        }
        #expect(form.error?.contains("not a quantity") == true)
        #expect(b.card(b.menow) == nil)
    }

    @Test func aPaperCardBecomesPaperPunchesWithItsDatesInTheNote() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.requestPaper)
        b.typeInForm("m") // no card selected: no program chosen until typed
        b.c(.modalNextField)
        b.typeInForm("7")
        b.c(.enter)
        b.typeInForm("2025-03-01")
        b.c(.enter)
        b.typeInForm("9/30/2025")
        b.c(.enter)
        guard case .confirm(let pending) = b.checkout.modal else {
            Issue.record("no confirmation: \(String(describing: b.state.status))")
            return
        }
        #expect(pending.action == .convertPaperCard(customerID: b.sally.id, programID: b.menow.id, punches: 7,
                                                    first: LocalDate(iso: "2025-03-01")!, last: LocalDate(iso: "2025-09-30")!))
        b.c(.confirm)
        let card = try #require(b.card(b.menow))
        #expect(card.status.progress == "7/12")
        #expect(card.counting.allSatisfy { $0.source == .paper })
        #expect(card.card.note == "Paper card: first purchase 2025-03-01, last 2025-09-30")
        #expect(b.checkout.todaysPurchases.isEmpty, "paper punches are never Today's Purchases")
    }

    @Test func aPaperCardWithABadDateIsRefused() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.requestPaper)
        b.typeInForm("m") // no card selected: no program chosen until typed
        b.c(.modalNextField)
        b.typeInForm("3")
        b.c(.modalNextField)
        b.typeInForm("2025-13-01")
        b.c(.modalSubmit)
        guard case .paper(let form) = b.checkout.modal else {
            Issue.record("the form closed")
            return
        }
        #expect(form.error == CheckoutStrings.notADate(CheckoutStrings.fieldFirstDate))
    }

    @Test func theCardNoteIsSaved() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 2)
        b.c(.requestNote)
        b.typeInForm("Wants the 24 lb bag")
        b.c(.enter)
        #expect(b.checkout.modal == nil)
        #expect(b.card(b.menow)?.card.note == "Wants the 24 lb bag")
    }

    @Test func theCardViewListsEveryPunchAndAManagerRemovesOne() throws {
        let b = try CheckoutBench()
        b.open()
        try b.givePunches(CheckoutBench.menow12, 3)
        b.c(.openCard)
        guard case .cardDetail(_, let list) = b.checkout.modal else {
            Issue.record("no card view")
            return
        }
        #expect(list.count == 3)
        // A cashier removing an older punch goes through the manager override.
        b.c(.requestRemovePunch)
        b.c(.enter) // the first common reason: scanned twice
        b.c(.confirm)
        guard case .override = b.checkout.modal else {
            Issue.record("no override: \(String(describing: b.checkout.modal))")
            return
        }
        b.typeInForm("manager")
        b.c(.enter)
        b.typeInForm("2222")
        b.c(.enter)
        #expect(b.card(b.menow)?.status.progress == "2/12")
        let audit = try #require(try b.store.auditLog(AuditFilter(action: .punchRemove)).first)
        #expect(audit.approver == "manager")
    }

    @Test func pointsRewardsOnlyWhenTheStoreRunsPoints() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.requestPointsReward)
        #expect(b.state.status?.text == CheckoutStrings.pointsOff)

        let p = try CheckoutBench(pointsEnabled: true)
        try p.store.adjustPoints(customer: p.sally.id, delta: 80, reason: "welcome", by: Operator(CheckoutBench.manager))
        p.open()
        p.c(.requestPointsReward)
        p.c(.enter)
        guard case .confirm(let pending) = p.checkout.modal else {
            Issue.record("no confirmation")
            return
        }
        #expect(pending.lines == ["$5 off for 50 points.", "Balance 80 → 30."])
        p.c(.confirm)
        #expect(p.checkout.data?.detail.pointsBalance == 30)
    }
}

@Suite("Checkout: leaving and hooks")
struct CheckoutNavigationTests {
    @Test func escapeLeavesWhenNothingIsTypedAndAsksWhenSomethingIs() throws {
        let b = try CheckoutBench()
        b.open()
        b.type("0071")
        b.c(.escape)
        #expect(b.checkout.modal == .confirmLeave)
        #expect(b.state.route == .checkout(b.sally.id))
        b.c(.escape)
        #expect(b.checkout.modal == nil)
        #expect(b.checkout.scan.text == "0071", "staying keeps what was typed")
        b.c(.escape)
        b.c(.leave)
        #expect(b.state.route == .lookup)

        let c = try CheckoutBench()
        c.open()
        c.c(.escape)
        #expect(c.state.route == .lookup)
    }

    @Test func checkoutMessagesAreIgnoredOnOtherScreens() throws {
        let b = try CheckoutBench()
        b.open()
        b.c(.escape)
        #expect(b.sendOnly(.checkout(.requestException)).isEmpty)
        #expect(b.checkout.modal == nil)
    }
}
