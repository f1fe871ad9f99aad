import Foundation
import Lightspeed
import Logging
import LoyaltyCore
import LoyaltyStore

/// Runs Import History's effects. The fetch is asynchronous (network); `EffectRunner.perform` starts it on
/// the `EffectScheduler`'s concurrent lane under its generation's ID, so Esc (`Effect.cancel`) stops exactly
/// that one and drops whatever it would still report. Lightspeed is injected at start-up as a
/// `LightspeedAPI?` — nil when it is not connected — so tests pass one built against the simulator on a
/// loopback port.
public final class ImportHistoryRunner: Sendable {
    public let engine: ImportHistoryEngine
    private let logger: Logger

    public init(store: LoyaltyStore, lightspeed: LightspeedAPI?, now: @escaping @Sendable () -> Date = { Date() },
                policy: SalePointsPolicy, location: Int64? = nil,
                logger: Logger = Logger(label: "astro-loyalty.import-history")) {
        engine = ImportHistoryEngine(store: store, lightspeed: lightspeed, now: now, policy: policy, location: location)
        self.logger = logger
    }

    /// Runs one effect to its end and returns the message reporting it (progress goes to `post` on the way).
    /// Returns nil for a cancelled fetch.
    public func run(_ effect: ImportHistoryEffect, post: @escaping @Sendable (AppMsg) -> Void = { _ in }) async -> AppMsg? {
        switch effect {
        case .load(let id):
            do {
                return .importHistory(.contextLoaded(try engine.context(customerID: id)))
            } catch {
                return .importHistory(.loadFailed(id: id, EffectError(error)))
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
                return .importHistory(.fetchFailed(generation: generation, EffectError(error)))
            }

        case .approve(let op, let manager, let pin):
            do {
                return .importHistory(.approved(try engine.store.approve(op, byManager: manager, secret: .pin(pin))))
            } catch {
                logger.notice("manager override for an import exception refused for \(op.username) by \(manager)")
                return .importHistory(.approvalRefused(EffectError(error)))
            }

        case .commit(let review, let op):
            do {
                let outcome = try engine.commit(review, by: op)
                logger.info("import history committed for customer \(review.customerID) by \(op.username): run \(outcome.runID), \(outcome.punchesAdded) punches, \(outcome.pointsAdded) points")
                return .importHistory(.committed(outcome, completions: review.completions))
            } catch {
                logger.error("import history commit for customer \(review.customerID) failed: \(error)")
                return .importHistory(.commitFailed(EffectError(error)))
            }
        }
    }
}
