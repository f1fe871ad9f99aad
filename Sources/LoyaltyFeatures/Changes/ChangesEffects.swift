import Foundation
import Logging
import LoyaltyCore
import LoyaltyStore

/// Runs the "Changed in Lightspeed" screen's effects against the store, then reads the queue again.
struct ChangesEffects {
    let store: LoyaltyStore
    let logger: Logger

    func run(_ effect: ChangesEffect) -> AppMsg {
        do {
            switch effect {
            case .load:
                return .changes(.loaded(try load()))
            case .apply(let id, let op):
                let change = try store.applyLightspeedChange(id, by: op)
                return .changes(.done(ChangesStrings.applied(change), try load()))
            case .dismiss(let id, let reason, let op):
                let change = try store.dismissLightspeedChange(id, reason: reason, by: op)
                return .changes(.done(ChangesStrings.dismissed(change), try load()))
            case .count:
                return .changes(.counted(try store.openLightspeedChangeCount()))
            }
        } catch {
            logger.notice("\(effect) failed: \(error)")
            return .changes(.failed(EffectError(error)))
        }
    }

    func load() throws -> ChangesData {
        ChangesData(changes: try store.lightspeedChanges(), timeZone: try store.settings().timeZone)
    }
}
