import Foundation
import Lightspeed
import Logging
import LoyaltyCore
import LoyaltyStore

/// Runs Import History's effects. The fetch is asynchronous (network) and cancellable: each runs in its
/// own task, kept by generation so `cancelFetch` stops exactly that one; its progress is posted as it
/// comes, and a cancelled fetch posts nothing (the view-model has moved on and would drop it anyway).
/// Lightspeed is injected at start-up as a `LightspeedAPI?` — nil when it is not connected — so tests
/// pass one built against the simulator on a loopback port.
public final class ImportHistoryRunner: @unchecked Sendable {
    public let engine: ImportHistoryEngine
    private let logger: Logger
    private let lock = NSLock()
    private var fetches: [Int: Task<Void, Never>] = [:]
    /// Fetches started and neither finished nor cancelled (registered before the task starts, so even an
    /// instant answer is posted).
    private var live: Set<Int> = []

    public init(store: LoyaltyStore, lightspeed: LightspeedAPI?, now: @escaping @Sendable () -> Date = { Date() },
                policy: SalePointsPolicy = SalePointsPolicy(),
                logger: Logger = Logger(label: "astro-loyalty.import-history")) {
        engine = ImportHistoryEngine(store: store, lightspeed: lightspeed, now: now, policy: policy)
        self.logger = logger
    }

    /// Starts `effect` in the background; its messages go to `post`.
    public func perform(_ effect: ImportHistoryEffect, post: @escaping @Sendable (AppMsg) -> Void) {
        switch effect {
        case .cancelFetch(let generation):
            let task = lock.withLock {
                live.remove(generation)
                return fetches.removeValue(forKey: generation)
            }
            task?.cancel()
            logger.info("import history fetch #\(generation) cancelled")
        case .fetch(_, _, _, let generation):
            lock.withLock { _ = live.insert(generation) }
            let task = Task.detached { [self] in
                let message = await run(effect, post: post)
                let current = lock.withLock {
                    fetches.removeValue(forKey: generation)
                    return live.remove(generation) != nil
                }
                if current, let message { post(message) }
            }
            lock.withLock {
                // Keep the handle only while the fetch is still running (Esc may cancel it).
                if live.contains(generation) { fetches[generation] = task }
            }
        default:
            Task.detached { [self] in
                if let message = await run(effect, post: post) { post(message) }
            }
        }
    }

    /// Runs one effect to its end and returns the message reporting it (progress goes to `post` on the way).
    /// Returns nil for a cancelled fetch and for `cancelFetch`.
    public func run(_ effect: ImportHistoryEffect, post: @escaping @Sendable (AppMsg) -> Void = { _ in }) async -> AppMsg? {
        switch effect {
        case .load(let id):
            do {
                return .importHistory(.contextLoaded(try engine.context(customerID: id)))
            } catch {
                return .importHistory(.loadFailed(id: id, message: Self.message(error)))
            }

        case .fetch(let id, let start, let points, let generation):
            do {
                let review = try await engine.review(customerID: id, start: start, includePoints: points) { counts in
                    post(.importHistory(.fetchProgress(generation: generation, counts)))
                }
                logger.info("import history #\(generation) for customer \(id): \(review.rows.count) rows, \(review.summary.text)")
                return .importHistory(.reviewLoaded(generation: generation, review))
            } catch ImportHistoryError.cancelled {
                return nil
            } catch {
                if Task.isCancelled { return nil }
                logger.notice("import history #\(generation) for customer \(id) failed: \(error)")
                return .importHistory(.fetchFailed(generation: generation, message: Self.message(error)))
            }

        case .cancelFetch:
            return nil

        case .approve(let op, let manager, let pin):
            do {
                return .importHistory(.approved(try engine.store.approve(op, byManager: manager, secret: .pin(pin))))
            } catch {
                logger.notice("manager override for an import exception refused for \(op.username) by \(manager)")
                return .importHistory(.approvalRefused(message: Self.message(error)))
            }

        case .commit(let review, let op):
            do {
                let outcome = try engine.commit(review, by: op)
                logger.info("import history committed for customer \(review.customerID) by \(op.username): run \(outcome.runID), \(outcome.punchesAdded) punches, \(outcome.pointsAdded) points")
                return .importHistory(.committed(outcome, completions: review.completions))
            } catch {
                logger.error("import history commit for customer \(review.customerID) failed: \(error)")
                return .importHistory(.commitFailed(message: Self.message(error)))
            }
        }
    }

    static func message(_ error: Error) -> String {
        if let e = error as? ImportHistoryError { return e.description }
        if let e = error as? StoreError { return e.description }
        if let e = error as? LightspeedError { return e.description }
        return "\(error)"
    }
}
