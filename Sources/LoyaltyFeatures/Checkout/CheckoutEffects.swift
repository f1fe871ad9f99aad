import Foundation
import Logging
import LoyaltyCore
import LoyaltyStore

/// Performs the checkout screen's effects against the store: one store call per action (one
/// transaction), the manager's PIN checked first when a cashier needed an override, then a fresh read
/// of the customer so the screen shows what the database holds.
struct CheckoutEffects {
    let store: LoyaltyStore
    let logger: Logger
    /// Where a scan goes while the store's server is unreachable (nil: nowhere, the scan fails and says so).
    var offline: OfflineScans? = nil
    /// When the effect was asked for: a scan's own time.
    var askedAt = Date()
    /// The counter's location: Today's Purchases are its day.
    var location: Int64? = nil

    func run(_ effect: CheckoutEffect) -> AppMsg {
        switch effect {
        case .load(let id, let redeemed):
            do {
                return .checkout(.loaded(try load(id, redeemedPunches: redeemed)))
            } catch {
                return .checkout(.loadFailed(id: id, EffectError(error)))
            }

        case .checkClaim(let cardID, let upc, let details):
            do {
                let preview = try store.previewClaim(card: cardID, freeItem: upc, details: details)
                return .checkout(.claimChecked(ClaimAsk(cardID: cardID, rewardUPC: upc, details: details), preview))
            } catch {
                logger.notice("claim check for card \(cardID) failed: \(error)")
                return .checkout(.claimCheckFailed(EffectError(error)))
            }

        case .perform(let action, let customerID, let op, let approval, let redeemed):
            var op = op
            if let approval {
                do {
                    op = try store.approve(op, byManager: approval.username, secret: .pin(approval.pin))
                } catch {
                    logger.notice("manager override refused for \(op.username) by \(approval.username): \(error)")
                    return .checkout(.approvalRefused(action, EffectError(error)))
                }
            }
            if case .recordPurchase(let customer, let upc, let quantity, _) = action, let offline {
                return scan(action, customer: customer, upc: upc, quantity: quantity, by: op, offline: offline,
                            redeemedPunches: redeemed)
            }
            let result: CheckoutResult
            do {
                result = try perform(action, by: op)
            } catch StoreError.upcNotInAnyProgram(let upc) {
                if case .recordPurchase(_, _, let quantity, _) = action {
                    return .checkout(.unknownUPC(upc, quantity: quantity))
                }
                return .checkout(.actionFailed(action, .store(.upcNotInAnyProgram(upc))))
            } catch {
                logger.notice("\(action.logName) refused: \(error)")
                return .checkout(.actionFailed(action, EffectError(error)))
            }
            logger.info("\(action.logName) by \(op.username)\(op.approver.map { " approved by \($0.username)" } ?? "")")
            return .checkout(.actionDone(action, result, try? load(customerID, redeemedPunches: redeemed)))
        }
    }

    /// A scan on a counter with a queue (issue 18 #4): with scans already waiting it joins them (so they are recorded
    /// in the order made); else it goes to the store with its own scan ID and time, and if the server does not
    /// answer it is kept — durably, before the cashier is told — and recorded once when the server is back.
    private func scan(_ action: CheckoutAction, customer: Int64, upc: UPC, quantity: Int, by op: Operator,
                      offline: OfflineScans, redeemedPunches: Bool) -> AppMsg {
        let scanID = UUID()
        func keep() -> AppMsg {
            do {
                let kept = try offline.keep(customer: customer, upc: upc, quantity: quantity, scanID: scanID,
                                            scannedAt: askedAt, by: op)
                return .checkout(.scanKept(action, kept))
            } catch {
                logger.error("a scan could not be kept on this counter: \(error)")
                return .checkout(.scanNotKept(action, EffectError(error)))
            }
        }
        do {
            if try offline.hasWaiting() { return keep() }
        } catch {
            logger.error("the kept scans cannot be read: \(error)")
        }
        let result: PurchaseResult
        do {
            guard case .recordPurchase(_, _, _, let preferred) = action else { preconditionFailure("a scan records a purchase") }
            result = try store.recordPurchase(customer: customer, upc: upc, quantity: quantity, preferredCardID: preferred,
                                              scanID: scanID, scannedAt: askedAt, by: op)
        } catch StoreError.serverUnreachable(let location) {
            logger.notice("\(action.logName): the server (\(location)) does not answer; keeping the scan")
            return keep()
        } catch StoreError.upcNotInAnyProgram(let upc) {
            return .checkout(.unknownUPC(upc, quantity: quantity))
        } catch {
            logger.notice("\(action.logName) refused: \(error)")
            return .checkout(.actionFailed(action, EffectError(error)))
        }
        logger.info("\(action.logName) by \(op.username)")
        return .checkout(.actionDone(action, .purchase(result), try? load(customer, redeemedPunches: redeemedPunches)))
    }

    func load(_ id: Int64, redeemedPunches: Bool) throws -> CheckoutData {
        guard let snapshot = try store.checkoutSnapshot(customer: id, at: location, redeemedPunches: redeemedPunches) else {
            throw StoreError.notFound("Customer \(id)")
        }
        offline?.noteStoreZone(snapshot.settings.timeZoneID)
        return CheckoutData(detail: snapshot.detail, programs: snapshot.programs, pointsEnabled: snapshot.settings.pointsEnabled,
                            pointsRewards: snapshot.pointsRewards, timeZoneID: snapshot.settings.timeZoneID,
                            waitingSaleIDs: snapshot.pendingSaleIDs)
    }

    private func perform(_ action: CheckoutAction, by op: Operator) throws -> CheckoutResult {
        switch action {
        case .recordPurchase(let customer, let upc, let quantity, let preferred):
            return .purchase(try store.recordPurchase(customer: customer, upc: upc, quantity: quantity,
                                                      preferredCardID: preferred, by: op))
        case .redeem(let card, let upc, let funding, let details):
            try store.redeem(card: card, rewardUPC: upc, funding: funding, details: details, by: op)
        case .undoTodaysPunch(let punch):
            try store.undoTodaysPunch(punch, by: op)
        case .undoTodaysScan(let punches):
            try store.undoTodaysPunches(punches, by: op)
        case .addException(let customer, let program, let upc, let description, let reason, let quantity):
            return .purchase(try store.addException(customer: customer, program: program, upc: upc,
                                                    description: description, reason: reason, quantity: quantity, by: op))
        case .convertPaperCard(let customer, let program, let k, let first, let last):
            return .paperCards(try store.convertPaperCard(customer: customer, program: program, punches: k,
                                                          firstPurchase: first, lastPurchase: last, by: op))
        case .splitCard(let card, let moving):
            return .split(newCard: try store.splitCard(card: card, moving: moving, by: op))
        case .updateCardNote(let card, let note):
            try store.updateCardNote(card: card, note: note, by: op)
        case .redeemPointsReward(let customer, let reward):
            try store.redeemPointsReward(customer: customer, reward: reward, by: op)
        case .removePunch(let punch, let reason):
            try store.removePunch(punch, reason: reason, by: op)
        case .undoRedemption(let card):
            try store.undoRedemption(card: card, by: op)
        case .removeRefundedPunches(let ids, let sale):
            try store.removePunches(ids, reason: CheckoutStrings.refundRemovalReason(sale), by: op)
        }
        return .done
    }
}
