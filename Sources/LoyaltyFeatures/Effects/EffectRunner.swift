import Foundation
import Lightspeed
import Logging
import LoyaltyCore
import LoyaltyStore

/// Performs `Effect`s against the store and turns each outcome into the `AppMsg` that reports it.
///
/// `run` is synchronous so tests call it directly on a real temporary store; `perform` runs effects in
/// order on a background queue and posts the results (the event loop's inbox), so the loop never waits
/// for SQLite or a slow password hash. A search that a newer search has overtaken is skipped before it
/// runs: typing "sally" fast costs one search, not five.
public final class EffectRunner: @unchecked Sendable {
    private let store: LoyaltyStore
    private let logger: Logger
    private let queue = DispatchQueue(label: "astro-loyalty.effects")
    private let lock = NSLock()
    private var latestSearch = 0
    /// Import History's effects (asynchronous: the Lightspeed fetch, cancellable with Esc).
    public let importHistory: ImportHistoryRunner

    /// - Parameter lightspeed: the Lightspeed API (`LightspeedService.api`), nil when not connected.
    public init(store: LoyaltyStore, logger: Logger = Logger(label: "astro-loyalty.effects"),
                lightspeed: LightspeedAPI? = nil, policy: SalePointsPolicy = SalePointsPolicy()) {
        self.store = store
        self.logger = logger
        importHistory = ImportHistoryRunner(store: store, lightspeed: lightspeed, policy: policy, logger: logger)
    }

    /// Runs `effects` one after another off the calling thread; each result goes to `post`.
    public func perform(_ effects: [Effect], post: @escaping @Sendable (AppMsg) -> Void) {
        // Note every search of the batch first, so an older one never runs before a newer is known.
        for effect in effects {
            if case .searchCustomers(_, let generation) = effect {
                lock.withLock { latestSearch = max(latestSearch, generation) }
            }
        }
        for effect in effects {
            if case .importHistory(let e) = effect {
                importHistory.perform(e, post: post)
                continue
            }
            queue.async { [self] in
                if case .searchCustomers(_, let generation) = effect,
                   lock.withLock({ generation < latestSearch }) {
                    return
                }
                if let message = run(effect) { post(message) }
            }
        }
    }

    /// Runs one effect now and returns the message that reports its outcome.
    public func run(_ effect: Effect) -> AppMsg? {
        let started = Date()
        defer {
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            logger.debug("effect \(effect) took \(ms) ms")
        }
        switch effect {
        case .loadStoreInfo:
            do {
                let settings = try store.settings()
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
                return .signIn(.signInFailed(message(error)))
            }

        case .searchCustomers(let query, let generation):
            do {
                let results = try store.searchCustomers(query)
                return .lookup(.searchResultsLoaded(generation: generation, query: query, results: results))
            } catch {
                logger.error("search failed: \(error)")
                return .lookup(.searchFailed(generation: generation, message: message(error)))
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
                return .customerForm(.saveFailed(message(error)))
            }

        case .addCustomer(let draft, let pets, let op):
            do {
                let customer = try store.addCustomer(draft, pets: pets, by: op)
                logger.info("customer \(customer.id) added by \(op.username)")
                return .customerForm(.saved(customer))
            } catch {
                logger.error("adding a customer failed: \(error)")
                return .customerForm(.saveFailed(message(error)))
            }

        case .checkout(let effect):
            return CheckoutEffects(store: store, logger: logger, message: message).run(effect)

        case .manager(let effect):
            return ManagerEffects(store: store, logger: logger, message: message).run(effect)

        case .admin(let effect):
            return AdminEffects(store: store, logger: logger, message: message).run(effect)

        case .lightspeed:
            // The composition root runs these (`CounterLightspeed`): they need the client and the listener.
            return nil

        case .importHistory:
            // Asynchronous (network, cancellable): `perform` hands it to `importHistory`; tests await
            // `importHistory.run(_:)`.
            return nil

        case .updateCustomer(let id, let draft, let notes, let newPets, let op):
            do {
                try store.updateCustomer(id, draft, notes: notes, addingPets: newPets, by: op)
                guard let customer = try store.customer(id: id) else { throw StoreError.notFound("Customer \(id)") }
                logger.info("customer \(id) updated by \(op.username)")
                return .customerForm(.saved(customer))
            } catch {
                logger.error("updating customer \(id) failed: \(error)")
                return .customerForm(.saveFailed(message(error)))
            }
        }
    }

    private func failed(_ effect: Effect, _ error: Error) -> AppMsg {
        logger.error("\(effect) failed: \(error)")
        return .effectFailed(message(error))
    }

    /// The cashier-readable sentence for an error (the store's errors are written for people).
    func message(_ error: Error) -> String {
        if let store = error as? StoreError { return store.description }
        if let input = error as? CustomerInputError { return input.description }
        return "\(error)"
    }
}
