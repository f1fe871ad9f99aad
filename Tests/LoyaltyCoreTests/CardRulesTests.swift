import Foundation
import Testing
@testable import LoyaltyCore

@Suite struct CardRulesTests {
    let items: Set<UPC> = [upc("012345678905"), upc("036000291452")]
    let morning = instant("2019-04-02T09:00:00-04:00")

    func status(_ state: CardState, _ count: Int, n: Int = 10) -> CardStatus {
        CardStatus(cardID: 1, state: state, countingPunches: count, punchesRequired: n)
    }

    func punch(id: Int64 = 1, card: Int64 = 1, date: String = "2019-04-02", source: PunchSource = .counter,
               recordedAt: Date? = nil, removed: Bool = false) -> Punch {
        Punch(id: id, cardID: card, upc: upc("012345678905"), itemDescription: "MeNow", purchaseDate: day(date),
              source: source, recordedBy: "amy", recordedAt: recordedAt ?? morning,
              removal: removed ? PunchRemoval(removedAt: morning, removedBy: "max", reason: "x") : nil)
    }

    @Test func redeemOnlyACompleteCardWithAProgramItem() throws {
        try CardRules.redeem(status(.complete, 10), rewardUPC: upc("036000291452"), programUPCs: items)
        #expect(throws: CardRefusal.notComplete(.open)) {
            try CardRules.redeem(status(.open, 9), rewardUPC: upc("036000291452"), programUPCs: items)
        }
        #expect(throws: CardRefusal.notComplete(.redeemed)) {
            try CardRules.redeem(status(.redeemed, 10), rewardUPC: upc("036000291452"), programUPCs: items)
        }
        #expect(throws: CardRefusal.rewardNotInProgram(upc("4006381333931"))) {
            try CardRules.redeem(status(.complete, 10), rewardUPC: upc("4006381333931"), programUPCs: items)
        }
        #expect(CardRefusal.notComplete(.open).description == "Only a complete card can be redeemed; this card is open.")
    }

    @Test func undoRedemptionOnlyFromRedeemed() throws {
        #expect(try CardRules.undoRedemption(status(.redeemed, 10)) == .complete)
        #expect(throws: CardRefusal.notRedeemed(.complete)) { try CardRules.undoRedemption(status(.complete, 10)) }
    }

    @Test func removePunchKeepsItAndReopensACompleteCard() throws {
        let change = try CardRules.removePunch(punch(), from: status(.complete, 10), reason: "wrong item")
        #expect(change == CardChange(countBefore: 10, countAfter: 9, stateBefore: .complete, stateAfter: .open))
        let partial = try CardRules.removePunch(punch(), from: status(.open, 7, n: 12), reason: "x")
        #expect(partial.countAfter == 6)
    }

    @Test func removePunchRefusals() {
        #expect(throws: CardRefusal.cardRedeemed) {
            try CardRules.removePunch(punch(), from: status(.redeemed, 10), reason: "wrong item")
        }
        #expect(CardRefusal.cardRedeemed.description.contains("undo the redemption first"))
        #expect(throws: CardRefusal.reasonRequired) {
            try CardRules.removePunch(punch(), from: status(.open, 5), reason: "  ")
        }
        #expect(throws: CardRefusal.punchAlreadyRemoved) {
            try CardRules.removePunch(punch(removed: true), from: status(.open, 5), reason: "x")
        }
        #expect(throws: CardRefusal.punchNotOnCard) {
            try CardRules.removePunch(punch(card: 2), from: status(.open, 5), reason: "x")
        }
    }

    @Test func undoTodaysPunch() throws {
        let today = day("2019-04-02")
        let change = try CardRules.undoTodaysPunch(punch(), on: status(.open, 3), today: today, calendar: newYork)
        #expect(change.countAfter == 2)
        #expect(throws: CardRefusal.undoOnlyToday(day("2019-04-01"))) {
            try CardRules.undoTodaysPunch(punch(date: "2019-04-01", recordedAt: instant("2019-04-01T12:00:00-04:00")),
                                          on: self.status(.open, 3), today: today, calendar: newYork)
        }
        #expect(throws: CardRefusal.undoWrongSource(.import)) {
            try CardRules.undoTodaysPunch(punch(source: .import), on: self.status(.open, 3), today: today,
                                          calendar: newYork)
        }
        #expect(throws: CardRefusal.undoWrongSource(.paper)) {
            try CardRules.undoTodaysPunch(punch(source: .paper), on: self.status(.open, 3), today: today,
                                          calendar: newYork)
        }
        // Recorded yesterday late at night (store time) though dated today is not "today's".
        #expect(throws: CardRefusal.undoOnlyToday(today)) {
            try CardRules.undoTodaysPunch(punch(recordedAt: instant("2019-04-02T03:00:00Z")), on: self.status(.open, 3),
                                          today: today, calendar: newYork)
        }
        #expect(throws: CardRefusal.punchAlreadyRemoved) {
            try CardRules.undoTodaysPunch(punch(removed: true), on: self.status(.open, 3), today: today,
                                          calendar: newYork)
        }
        #expect(throws: CardRefusal.cardRedeemed) {
            try CardRules.undoTodaysPunch(punch(), on: self.status(.redeemed, 10), today: today, calendar: newYork)
        }
        for source in [PunchSource.realtime, .exception] {
            #expect(try CardRules.undoTodaysPunch(punch(source: source), on: status(.open, 3), today: today,
                                                  calendar: newYork).countAfter == 2)
        }
    }

    @Test func todaysPurchases() {
        let today = day("2019-04-02")
        let punches = [punch(id: 1), punch(id: 2, source: .realtime), punch(id: 3, source: .exception),
                       punch(id: 4, source: .import), punch(id: 5, source: .paper), punch(id: 6, removed: true),
                       punch(id: 7, date: "2019-04-01")]
        #expect(TodaysPurchases.filter(punches, today: today).map(\.id) == [1, 2, 3])
    }

    @Test func exceptionReasons() throws {
        #expect(ExceptionReason.choices.map(\.label) == ["New item / new UPC", "Different size", "Manager approval", "Other"])
        #expect(try ExceptionReason.differentSize.validated() == "Different size")
        #expect(try ExceptionReason.other(" bag torn, sold loose ").validated() == "Other: bag torn, sold loose")
        #expect(throws: CardRefusal.otherReasonNeedsText) { try ExceptionReason.other("  ").validated() }
        for reason in [ExceptionReason.newItem, .differentSize, .managerApproval, .other("promo")] {
            #expect(ExceptionReason(storedText: reason.storedText) == reason)
        }
    }

    @Test func paperConversion() throws {
        let today = day("2019-05-01")
        let plan = try PaperConversion.plan(punches: 4, punchesRequired: 10, firstPurchase: day("2019-01-05"),
                                            lastPurchase: day("2019-03-20"), today: today)
        #expect(plan.note == "Paper card: first purchase 2019-01-05, last 2019-03-20")
        #expect(plan.cards.count == 1)
        #expect(plan.cards[0].state == .open)
        #expect(plan.cards[0].punchDates == [day("2019-01-05"), day("2019-03-20"), day("2019-03-20"), day("2019-03-20")])
        let full = try PaperConversion.plan(punches: 10, punchesRequired: 10, firstPurchase: day("2019-01-05"),
                                            lastPurchase: day("2019-03-20"), today: today)
        #expect(full.cards.map(\.state) == [.complete])
        let several = try PaperConversion.plan(punches: 23, punchesRequired: 10, firstPurchase: day("2019-01-05"),
                                               lastPurchase: day("2019-03-20"), today: today)
        #expect(several.cards.map(\.state) == [.complete, .complete, .open])
        #expect(several.cards.map(\.punchDates.count) == [10, 10, 3])
    }

    @Test func paperConversionRefusals() {
        let today = day("2019-05-01")
        #expect(throws: CardRefusal.paperPunchCount(0, max: 50)) {
            try PaperConversion.plan(punches: 0, punchesRequired: 10, firstPurchase: today, lastPurchase: today, today: today)
        }
        #expect(throws: CardRefusal.paperPunchCount(51, max: 50)) {
            try PaperConversion.plan(punches: 51, punchesRequired: 10, firstPurchase: today, lastPurchase: today, today: today)
        }
        #expect(throws: CardRefusal.paperDatesReversed) {
            try PaperConversion.plan(punches: 3, punchesRequired: 10, firstPurchase: today,
                                     lastPurchase: day("2019-04-01"), today: today)
        }
        #expect(throws: CardRefusal.paperDateInFuture) {
            try PaperConversion.plan(punches: 3, punchesRequired: 10, firstPurchase: today,
                                     lastPurchase: day("2019-05-02"), today: today)
        }
    }

    @Test func splitMovesChosenPunchesAndRecomputesStates() throws {
        let punches = (1...10).map { punch(id: Int64($0)) } + [punch(id: 11, removed: true)]
        let plan = try CardSplit.plan(card: status(.complete, 10), punches: punches, moving: [3, 4, 5])
        #expect(plan.movingPunchIDs == [3, 4, 5])
        #expect(plan.remainingCount == 7 && plan.remainingState == .open)
        #expect(plan.newCardCount == 3 && plan.newCardState == .open)
        let half = try CardSplit.plan(card: status(.open, 2, n: 1), punches: [punch(id: 1), punch(id: 2)], moving: [2])
        #expect(half.remainingState == .complete && half.newCardState == .complete)
    }

    @Test func splitRefusals() {
        let two = [punch(id: 1), punch(id: 2)]
        #expect(throws: CardRefusal.splitNeedsTwoPunches(have: 1)) {
            try CardSplit.plan(card: self.status(.open, 1), punches: [self.punch(id: 1), self.punch(id: 2, removed: true)],
                               moving: [1])
        }
        #expect(throws: CardRefusal.splitNothingChosen) { try CardSplit.plan(card: self.status(.open, 2), punches: two, moving: []) }
        #expect(throws: CardRefusal.splitAllChosen) { try CardSplit.plan(card: self.status(.open, 2), punches: two, moving: [1, 2]) }
        #expect(throws: CardRefusal.splitChoiceNotOnCard) {
            try CardSplit.plan(card: self.status(.open, 2), punches: two, moving: [9])
        }
        #expect(throws: CardRefusal.cardRedeemed) { try CardSplit.plan(card: self.status(.redeemed, 10), punches: two, moving: [1]) }
    }

    @Test func cardStatusCountsOnlyCountingPunches() {
        let card = Card(id: 1, customerID: 1, programID: 1, state: .open)
        let s = CardStatus(card: card, punches: [punch(id: 1), punch(id: 2, removed: true), punch(id: 3, card: 2)],
                           punchesRequired: 12)
        #expect(s.countingPunches == 1)
        #expect(s.progress == "1/12")
    }

    @Test func rolesFollowDomainPeopleTable() {
        let cashierMay: [Action] = [.lookupCustomer, .addCustomer, .checkout, .redeem, .convertPaperCard, .splitCard,
                                    .importHistory, .undoTodaysPunch]
        let managerOnly: [Action] = [.removePunch, .addException, .undoRedemption, .mergeCustomers, .readAuditLog, .viewReports]
        let adminOnly: [Action] = [.managePrograms, .manageUsers, .editSettings, .linkLightspeed, .editPointsSettings]
        for action in cashierMay { #expect(Role.cashier.may(action), "\(action)") }
        for action in managerOnly {
            #expect(!Role.cashier.may(action) && Role.manager.may(action) && Role.admin.may(action), "\(action)")
            #expect(action.allowsManagerOverride)
        }
        for action in adminOnly {
            #expect(!Role.manager.may(action) && Role.admin.may(action), "\(action)")
            #expect(!action.allowsManagerOverride)
        }
    }
}
