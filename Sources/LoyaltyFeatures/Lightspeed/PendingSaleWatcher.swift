import Foundation
import Lightspeed
import Logging
import LoyaltyCore
import LoyaltyStore

/// Waits for the sales the button was pressed on while still open. R-Series has no webhooks, so the only way
/// to learn that a sale completed (or was voided) is to read it again: each waiting sale is re-read after 2, 4,
/// 8, 16, 32 and then every 60 seconds (`SaleCompletionBackoff`), one paced read at a time, far inside the
/// rate budget. The waiting presses live in the store (`pending_sales`), so a restart of the counter program
/// picks them up again; a completed sale is recorded in the name of whoever pressed, a voided one ends the
/// wait with nothing recorded, and one still open after `giveUpAfter` stops being watched (Import History
/// finds it once it completes). Every end is posted as `LightspeedMsg.pendingSaleEnded`.
public actor PendingSaleWatcher {
    private let handler: LightspeedSaleHandler
    private let now: @Sendable () -> Date
    private let post: @Sendable (AppMsg) -> Void
    private let logger: Logger
    public nonisolated let giveUpAfter: TimeInterval
    /// Reads so far and when the next one is due, per waiting sale (in memory: a restart starts afresh).
    private var schedule: [String: (checks: Int, due: Date)] = [:]
    private var wake: CheckedContinuation<Void, Never>?

    public init(handler: LightspeedSaleHandler, now: @escaping @Sendable () -> Date = { Date() },
                giveUpAfter: TimeInterval = 7 * 86_400,
                logger: Logger = Logger(label: "astro-loyalty.pending-sales"),
                post: @escaping @Sendable (AppMsg) -> Void) {
        self.handler = handler
        self.now = now
        self.giveUpAfter = giveUpAfter
        self.logger = logger
        self.post = post
    }

    /// Reads every waiting sale that is due once, records or ends what Lightspeed finished, and returns when
    /// the next read is due (nil: nothing waits). A failed read counts as a read (it backs off too).
    @discardableResult
    public func checkDue() async -> Date? {
        let pending: [PendingSale]
        do { pending = try handler.store.pendingSales() } catch {
            logger.error("pending sales could not be read: \(error)")
            return now().addingTimeInterval(SaleCompletionBackoff.longest)
        }
        let waiting = Set(pending.map(\.saleID))
        schedule = schedule.filter { waiting.contains($0.key) }
        for sale in pending {
            let entry = schedule[sale.saleID] ?? (checks: 0, due: now())
            guard entry.due <= now() else { continue }
            let press = LightspeedButtonPress(kind: sale.kind == .refund ? .refund : .sale, saleID: sale.saleID,
                                              customerID: sale.lightspeedCustomerID)
            do {
                let outcome = try await handler.handle(press, by: sale.pressedBy, whenOpen: .report)
                switch outcome.status {
                case .stillOpen:
                    if now().timeIntervalSince(sale.pressedAt) >= giveUpAfter {
                        try handler.store.endPendingSale(saleID: sale.saleID, .gaveUp, by: sale.pressedBy)
                        schedule[sale.saleID] = nil
                        logger.notice("Lightspeed sale \(sale.saleID) still open after \(Int(giveUpAfter / 3600)) h: no longer waiting")
                        post(.lightspeed(.pendingSaleEnded(outcome, gaveUp: true)))
                        continue
                    }
                    let checks = entry.checks + 1
                    schedule[sale.saleID] = (checks, now().addingTimeInterval(SaleCompletionBackoff.delay(afterChecks: checks)))
                case .noLinkedCustomer, .noCustomerOnSale:
                    // The link changed while the sale was open: say so and stop waiting; the press can be repeated.
                    try handler.store.endPendingSale(saleID: sale.saleID, .gaveUp, by: sale.pressedBy)
                    schedule[sale.saleID] = nil
                    post(.lightspeed(.pendingSaleEnded(outcome, gaveUp: true)))
                default:
                    schedule[sale.saleID] = nil
                    logger.info("Lightspeed \(sale.kind.rawValue) \(sale.saleID) ended: \(outcome.status.rawValue), \(outcome.punchIDs.count) punches")
                    post(.lightspeed(.pendingSaleEnded(outcome, gaveUp: false)))
                }
            } catch {
                let checks = entry.checks + 1
                schedule[sale.saleID] = (checks, now().addingTimeInterval(SaleCompletionBackoff.delay(afterChecks: checks)))
                logger.warning("Lightspeed sale \(sale.saleID) could not be read again: \(error)")
            }
        }
        return schedule.values.map(\.due).min()
    }

    /// A new press waits: read it soon (after the first back-off step, not at once: it was just read open).
    public func pressRemembered(saleID: String) {
        schedule[saleID] = (1, now().addingTimeInterval(SaleCompletionBackoff.delay(afterChecks: 1)))
        wake?.resume()
        wake = nil
    }

    /// Runs until the task is cancelled: checks what is due, then sleeps until the next read (or a new press).
    public func run() async {
        while !Task.isCancelled {
            let next = await checkDue()
            let seconds = next.map { max(0.2, $0.timeIntervalSince(now())) } ?? 3600
            await sleep(seconds)
        }
    }

    private func sleep(_ seconds: TimeInterval) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            await self?.wakeUp()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                wake = continuation
            }
        } onCancel: {
            Task { await self.wakeUp() }
        }
        timer.cancel()
    }

    private func wakeUp() {
        wake?.resume()
        wake = nil
    }
}
