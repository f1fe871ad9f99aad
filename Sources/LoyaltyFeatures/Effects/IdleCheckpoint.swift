import Foundation
import LoyaltyStore

extension LoyaltyStore {
    /// SQLite copies its write-ahead log back into the store file (a checkpoint) inside whichever commit
    /// crosses 1,000 logged pages; that commit then takes twice as long (docs/PERFORMANCE.md: the tail of a
    /// 500-punch Import History commit). A counter is idle most of the time, so the counter screen calls this
    /// once: from then on every write (re)starts a countdown of `delay` under `EffectID.idleCheckpoint`, and
    /// the copy happens when it runs out — in a quiet moment, not inside a cashier's commit. SQLite's own
    /// automatic checkpoint stays as the bound when the counter is never quiet.
    public func checkpointWhenIdle<Message>(after delay: Duration = .seconds(2), on scheduler: EffectScheduler<Message>) {
        afterEachWrite { [weak self] in
            guard let self else { return }
            scheduler.concurrent(.idleCheckpoint, after: delay) { [weak self] _ in
                _ = try? self?.checkpointNow()
                return nil
            }
        }
    }
}
