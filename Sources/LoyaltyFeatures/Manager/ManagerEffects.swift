import Foundation
import Logging
import LoyaltyCore
import LoyaltyStore

/// Performs the manager screens' effects against the store. The store checks the operator's role again
/// (`mergeCustomers` requires a manager), so a forged effect from a cashier's session fails there too.
struct ManagerEffects {
    let store: LoyaltyStore
    let logger: Logger

    func run(_ effect: ManagerEffect) -> AppMsg {
        do {
            switch effect {
            case .loadAuditLog(var filter, let from, let until, let append):
                let zone = try store.settings().timeZoneID
                // A customer typed as in lookup: the entries of everyone lookup finds for it.
                if let text = filter.customerText {
                    filter.customerIDs = try store.searchCustomers(text).map(\.id)
                }
                if from != nil || until != nil {
                    let calendar = try StoreCalendar(timeZoneID: zone)
                    filter.from = from.map(calendar.startOfDay)
                    filter.until = until.map { calendar.interval(of: $0).upperBound }
                }
                return .manager(.auditLoaded(try store.auditLog(filter), appended: append, timeZoneID: zone))
            case .loadDuplicatePairs:
                return .manager(.pairsLoaded(try store.likelyDuplicatePairs(limit: 200)))
            case .previewMerge(let primary, let duplicate, let linkChoice, let joinOpenCards):
                return .manager(.previewLoaded(try preview(primary: primary, duplicate: duplicate,
                                                           linkChoice: linkChoice, joinOpenCards: joinOpenCards)))
            case .merge(let primary, let duplicate, let linkChoice, let joins, let op):
                let plan = try store.mergeCustomers(primary: primary, duplicate: duplicate, linkChoice: linkChoice,
                                                    joins: joins, by: op)
                logger.info("customer \(duplicate) combined into \(primary) by \(op.username)")
                return .manager(.merged(plan))
            }
        } catch {
            logger.notice("\(effect) failed: \(error)")
            return .manager(.failed(EffectError(error)))
        }
    }

    func preview(primary: Int64, duplicate: Int64, linkChoice: LightspeedLinkChoice?,
                 joinOpenCards: Bool) throws -> CombinePreview {
        guard let p = try store.customerDetail(id: primary) else { throw StoreError.notFound("Customer \(primary)") }
        guard let d = try store.customerDetail(id: duplicate) else { throw StoreError.notFound("Customer \(duplicate)") }
        let joins = joinOpenCards ? CombinePreview.openCardJoins(primary: p, duplicate: d) : []
        do {
            let plan = try store.mergePreview(primary: primary, duplicate: duplicate, linkChoice: linkChoice, joins: joins)
            return CombinePreview(primary: p, duplicate: d, plan: plan, refusal: nil, joins: joins)
        } catch {
            return CombinePreview(primary: p, duplicate: d, plan: nil, refusal: EffectError(error), joins: joins)
        }
    }
}
