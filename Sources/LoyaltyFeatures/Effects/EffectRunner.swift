import Foundation
import Lightspeed
import Logging
import LoyaltyCore
import LoyaltyStore

/// Performs `Effect`s against the store and turns each outcome into the `AppMsg` that reports it.
///
/// `run` is synchronous so tests call it directly on a real temporary store; `perform` hands effects to the
/// `EffectScheduler` (the one way effects run and are cancelled), whose results reach the event loop's inbox,
/// so the loop never waits for SQLite or a slow password hash. Store work runs in order on the serial lane; a
/// search runs under `EffectID.customerSearch`, so a newer search cancels an older one still waiting: typing
/// "sally" fast costs one search, not five. Import History's fetch runs on the concurrent lane under its
/// generation's ID, which `Effect.cancel` names.
public final class EffectRunner: @unchecked Sendable {
    let store: LoyaltyStore
    private let logger: Logger
    /// Where every effect runs; its messages go to the inbox it was made with.
    public let scheduler: EffectScheduler<AppMsg>
    private let lock = NSLock()
    private var importHistoryRunner: ImportHistoryRunner
    /// What earns points (item fees or not), for every Import History runner this makes.
    private let policy: SalePointsPolicy
    /// This counter's location: its "today" for the checkout's reads (writes carry it in their `Operator`).
    let location: Int64?
    /// The counter's queue of scans kept while the store's server was unreachable (nil: none, e.g. the CLI).
    public let offline: OfflineScans?
    /// When each effect was asked for: a scan kept while the server is down carries the time it was made, not
    /// the time its turn came on the serial lane.
    private let clock: @Sendable () -> Date
    /// This counter's own folder (exports, the Lightspeed address file): beside a store file, or the data folder
    /// when the store is on a server.
    let localFolder: String

    /// - Parameters:
    ///   - lightspeed: the Lightspeed API (`LightspeedService.api`), nil when not connected.
    ///   - scheduler: runs the effects and posts their messages (tests that only call `run` need none).
    ///   - localFolder: the counter's own folder; nil: the store file's folder.
    public init(store: LoyaltyStore, logger: Logger = Logger(label: "astro-loyalty.effects"),
                lightspeed: LightspeedAPI? = nil, policy: SalePointsPolicy, location: Int64? = nil,
                scheduler: EffectScheduler<AppMsg> = EffectScheduler(post: { _ in }), offline: OfflineScans? = nil,
                localFolder: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.localFolder = localFolder ?? URL(fileURLWithPath: store.path).deletingLastPathComponent().path
        self.location = location
        self.logger = logger
        self.scheduler = scheduler
        self.policy = policy
        self.offline = offline
        self.clock = clock
        importHistoryRunner = ImportHistoryRunner(store: store, lightspeed: lightspeed, policy: policy, location: location,
                                                  logger: logger)
    }

    /// A runner whose effects post their messages to `post` (the event loop's inbox).
    public convenience init(store: LoyaltyStore, logger: Logger = Logger(label: "astro-loyalty.effects"),
                            lightspeed: LightspeedAPI? = nil, policy: SalePointsPolicy,
                            post: @escaping @Sendable (AppMsg) -> Void) {
        self.init(store: store, logger: logger, lightspeed: lightspeed, policy: policy, scheduler: EffectScheduler(post: post))
    }

    /// Import History's effects (asynchronous: the Lightspeed fetch).
    public var importHistory: ImportHistoryRunner { lock.withLock { importHistoryRunner } }

    /// After Lightspeed is connected or disconnected: Import History reads through `api` from now on.
    public func useLightspeed(_ api: LightspeedAPI?) {
        let runner = ImportHistoryRunner(store: store, lightspeed: api, policy: policy, location: location, logger: logger)
        lock.withLock { importHistoryRunner = runner }
    }

    /// Starts `effects` in order on the scheduler; each result reaches the inbox as a message.
    /// (`Effect.lightspeed` is the composition root's: it owns the client and the listener.)
    public func perform(_ effects: [Effect]) {
        // Within one batch a later effect under the same ID replaces an earlier one before it could start
        // (typing fast queues several searches at once): only the last of each ID is started.
        var lastOfID: [EffectID: Int] = [:]
        for (index, effect) in effects.enumerated() { if let id = effect.id { lastOfID[id] = index } }
        for (index, effect) in effects.enumerated() {
            if let id = effect.id, lastOfID[id] != index { continue }
            switch effect {
            case .cancel(let id):
                scheduler.cancel(id)
                logger.info("cancelled \(id)")
            case .importHistory(let work):
                scheduler.concurrent(work.id) { [self] post in
                    // Lightspeed may still be starting (the counter screen starts it in the background).
                    await scheduler.finished(.lightspeedStart)
                    return await importHistory.run(work, post: post)
                }
            case .lightspeed, .watcher:
                // The composition root's (`CounterLightspeed`): they need the client.
                continue
            case .offline(.replay(let seconds)) where seconds > 0:
                // The wait is a timer (concurrent lane, replaced by a newer one); the replay itself joins the
                // serial lane, after every scan asked for before it.
                scheduler.concurrent(effect.id, after: .seconds(seconds)) { [self] _ in
                    scheduler.serial { [self] in run(.offline(.replay(afterSeconds: 0))) }
                    return nil
                }
            default:
                let askedAt = clock()
                scheduler.serial(effect.id) { [self] in run(effect, askedAt: askedAt) }
            }
        }
    }

    /// Runs one effect now and returns the message that reports its outcome; `askedAt` is when it was asked
    /// for (a scan's time), now when not given.
    public func run(_ effect: Effect, askedAt: Date? = nil) -> AppMsg? {
        let started = Date()
        defer {
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            logger.debug("effect \(effect) took \(ms) ms")
        }
        switch effect {
        case .loadStoreInfo:
            do {
                let settings = try store.settings()
                offline?.noteStoreZone(settings.timeZoneID)
                return .storeInfoLoaded(name: settings.storeName, trainingMode: settings.trainingMode)
            } catch {
                return failed(effect, error)
            }

        case .authenticate(let username, let credential):
            do {
                let secret: Secret
                switch credential {
                case .password(let p): secret = .password(p)
                case .pin(let p): secret = .pin(p)
                }
                let user = try store.authenticate(username: username, secret: secret)
                logger.info("signed in \(user.username) (\(user.role.rawValue)) with \(credential.kind)")
                return .signIn(.signedIn(user, credential.kind))
            } catch {
                logger.notice("sign-in refused for \(username): \(error)")
                return .signIn(.signInFailed(EffectError(error)))
            }

        case .approveQuit(let username, let pin):
            do {
                let user = try store.authenticate(username: username, secret: .pin(pin))
                guard user.role.permits(.manager) else {
                    logger.notice("quit while locked refused: \(user.username) is a \(user.role.rawValue)")
                    return .quitApproval(.notAManager)
                }
                logger.notice("quit while locked, approved by \(user.username)")
                return .quitApproval(.approved(username: user.username))
            } catch {
                logger.notice("quit while locked refused for \(username): \(error)")
                return .quitApproval(.refused(EffectError(error)))
            }

        case .searchCustomers(let query, let generation):
            do {
                let results = try store.searchCustomers(query)
                return .lookup(.searchResultsLoaded(generation: generation, query: query, results: results))
            } catch {
                logger.error("search failed: \(error)")
                return .lookup(.searchFailed(generation: generation, EffectError(error)))
            }

        case .loadCustomerForEdit(let id, let returnRoute):
            do {
                guard let detail = try store.customerDetail(id: id) else { throw StoreError.notFound("Customer \(id)") }
                return .customerLoadedForEdit(detail.customer, pets: detail.pets, returnRoute: returnRoute)
            } catch {
                return failed(effect, error)
            }

        case .findDuplicates(let draft, let excluding):
            do {
                return .customerForm(.duplicatesFound(try store.duplicateCandidates(for: draft, excluding: excluding)))
            } catch {
                return .customerForm(.saveFailed(EffectError(error)))
            }

        case .addCustomer(let draft, let pets, let op):
            do {
                let customer = try store.addCustomer(draft, pets: pets, by: op)
                logger.info("customer \(customer.id) added by \(op.username)")
                return .customerForm(.saved(customer))
            } catch {
                logger.error("adding a customer failed: \(error)")
                return .customerForm(.saveFailed(EffectError(error)))
            }

        case .checkout(let effect):
            return CheckoutEffects(store: store, logger: logger, offline: offline, askedAt: askedAt ?? clock(),
                                   location: location).run(effect)

        case .offline(let effect):
            return runOffline(effect)

        case .manager(let effect):
            return ManagerEffects(store: store, logger: logger).run(effect)

        case .admin(let effect):
            return AdminEffects(store: store, logger: logger, localFolder: localFolder).run(effect)

        case .claims(let effect):
            return ClaimsEffects(store: store, logger: logger).run(effect)
        case .changes(let effect):
            return ChangesEffects(store: store, logger: logger).run(effect)
        case .saveAuthorizeAddress(let url):
            let path = URL(fileURLWithPath: localFolder).appendingPathComponent("lightspeed-authorize-address.txt").path
            do {
                try OwnerOnlyFile.replace(path, with: url + "\n")
                return .lightspeed(.setup(.addressSaved(path: path)))
            } catch {
                return .lightspeed(.setup(.failed(EffectError(error))))
            }

        case .lightspeed, .watcher:
            // The composition root runs these (`CounterLightspeed`): they need the client and the listener.
            return nil

        case .importHistory:
            // Asynchronous (network, cancellable): `perform` runs it on the concurrent lane; tests await
            // `importHistory.run(_:)`.
            return nil

        case .cancel:
            // Not work: `perform` tells the scheduler.
            return nil

        case .updateCustomer(let id, let draft, let notes, let newPets, let op):
            do {
                try store.updateCustomer(id, draft, notes: notes, addingPets: newPets, by: op)
                guard let customer = try store.customer(id: id) else { throw StoreError.notFound("Customer \(id)") }
                logger.info("customer \(id) updated by \(op.username)")
                return .customerForm(.saved(customer))
            } catch {
                logger.error("updating customer \(id) failed: \(error)")
                return .customerForm(.saveFailed(EffectError(error)))
            }
        }
    }

    private func failed(_ effect: Effect, _ error: Error) -> AppMsg {
        logger.error("\(effect) failed: \(error)")
        return .effectFailed(EffectError(error))
    }
}
