import Foundation
import Lightspeed
import Logging
import LoyaltyCore
import LoyaltyStore

/// Runs the watcher screens' effects against the store and Lightspeed. The composition root makes one with
/// the connected API and sales feed (nil when not connected) and runs it on the effect scheduler's concurrent
/// lane, the sweep under its generation's ID so Esc cancels it. The sweep and the link use the same code as
/// `astro-loyalty sweep` and `astro-loyalty unlinked --link` (`SalesSweep`, `UnlinkedQueue`).
public struct WatcherScreenRunner: Sendable {
    public let store: LoyaltyStore
    public let api: LightspeedAPI?
    public let feed: SalesFeed?
    /// The config's `watcher.*`: what a store that never set its own uses.
    public let defaults: WatcherSettings
    public let policy: SalePointsPolicy
    /// The counter's location (nil: the default one), for the sweep's review (`ImportHistoryEngine.location`).
    public let location: Int64?
    public let logger: Logger
    public let now: @Sendable () -> Date

    public init(store: LoyaltyStore, api: LightspeedAPI?, feed: SalesFeed?, defaults: WatcherSettings,
                policy: SalePointsPolicy, location: Int64? = nil,
                logger: Logger = Logger(label: "astro-loyalty.watcher-screens"),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.api = api
        self.feed = feed
        self.defaults = defaults
        self.policy = policy
        self.location = location
        self.logger = logger
        self.now = now
    }

    public func run(_ effect: WatcherScreenEffect, post: @escaping @Sendable (AppMsg) -> Void = { _ in }) async -> AppMsg? {
        switch effect {
        case .loadUnlinked:
            do { return .watcher(.unlinked(.loaded(try unlinkedData()))) } catch { return .watcher(.unlinked(.failed(EffectError(error)))) }

        case .link(let customerID, let lightspeedID, let op):
            do {
                guard let api else { throw LightspeedError.notConnected }
                let result = try await queue.link(customer: customerID, to: lightspeedID, api: api, policy: policy, by: op)
                logger.info("queued Lightspeed customer \(lightspeedID) linked to \(customerID) by \(op.username): \(result.sales.count) today, \(result.olderToReview) to review")
                return .watcher(.unlinked(.linked(result, try unlinkedData())))
            } catch {
                logger.notice("\(effect) failed: \(error)")
                return .watcher(.unlinked(.failed(EffectError(error))))
            }

        case .addAndLink(let lightspeedID, let op):
            do {
                guard let api else { throw LightspeedError.notConnected }
                let result = try await queue.addAndLink(lightspeedID, api: api, policy: policy, by: op)
                logger.info("queued Lightspeed customer \(lightspeedID) added as \(result.customerID) by \(op.username)")
                return .watcher(.unlinked(.linked(result, try unlinkedData())))
            } catch {
                logger.notice("\(effect) failed: \(error)")
                return .watcher(.unlinked(.failed(EffectError(error))))
            }

        case .loadSweep:
            do {
                let settings = try store.settings()
                let today = StoreCalendar(timeZone: settings.timeZone).today(now: now())
                return .watcher(.sweep(.ready(today: today, goLive: settings.goLiveDate)))
            } catch {
                return .watcher(.sweep(.loadFailed(EffectError(error))))
            }

        case .runSweep(let since, let generation):
            do {
                guard let api, let feed else { throw LightspeedError.notConnected }
                let sweep = SalesSweep(store: store, feed: feed, api: api, shops: try settings().shops, policy: policy,
                                       location: location, now: now)
                let result = try await sweep.run(since: since) { pages, sales in
                    post(.watcher(.sweep(.progress(generation: generation, pages: pages, sales: sales))))
                }
                logger.info("sweep #\(generation) since \(since.iso): \(result.pages) pages, \(result.sales) sales, \(result.toImport) units to add")
                return .watcher(.sweep(.finished(generation: generation, result)))
            } catch {
                if Task.isCancelled || error is CancellationError { return nil }
                if case LightspeedError.cancelled = error { return nil }
                logger.notice("sweep #\(generation) failed: \(error)")
                return .watcher(.sweep(.failed(generation: generation, EffectError(error))))
            }

        case .commitSweep(let customers, let op):
            // Each customer is Import History's Agree: all of theirs or none; one refused leaves the others.
            let engine = ImportHistoryEngine(store: store, lightspeed: api, now: now, policy: policy, location: op.locationID)
            var added: [Int64: Int] = [:]
            var failures: [Int64: EffectError] = [:]
            for customer in customers where customer.review.hasWork {
                do {
                    added[customer.customerID] = try engine.commit(customer.review, requiring: .reviewLightspeedSales, by: op).punchesAdded
                } catch {
                    logger.notice("sweep commit for customer \(customer.customerID) failed: \(error)")
                    failures[customer.customerID] = EffectError(error)
                }
            }
            return .watcher(.sweep(.committed(added: added, failures: failures)))

        case .loadSettings:
            do { return .watcher(.settings(.loaded(try await settingsData()))) } catch {
                return .watcher(.settings(.failed(EffectError(error))))
            }

        case .saveSettings(let enabled, let share, let shops, let op):
            do {
                try store.setWatcherSettings(enabled: enabled, rateShare: share, shops: shops, by: op)
                return .watcher(.settings(.saved(try await settingsData())))
            } catch {
                return .watcher(.settings(.failed(EffectError(error))))
            }
        }
    }

    var queue: UnlinkedQueue { UnlinkedQueue(store: store, now: now) }

    func unlinkedData() throws -> UnlinkedData {
        UnlinkedData(entries: try queue.entries(), timeZoneID: try store.settings().timeZoneID)
    }

    /// The settings in force for this store: the config's, with what an admin set in the store on top.
    public func settings() throws -> WatcherSettings { defaults.applying(try store.storedWatcherSettings()) }

    func settingsData() async throws -> WatcherSettingsData {
        let stored = try store.storedWatcherSettings()
        var shops: [WatcherShop] = []
        var problem: EffectError?
        if let api {
            do { shops = try await api.shops().map { WatcherShop(id: $0.id, name: $0.name) } } catch { problem = EffectError(error) }
        } else {
            problem = .lightspeed(.notConnected)
        }
        return WatcherSettingsData(settings: defaults.applying(stored), setInStore: stored != StoredWatcherSettings(),
                                   shops: shops, shopsProblem: problem)
    }
}
