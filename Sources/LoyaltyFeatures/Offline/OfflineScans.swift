import Foundation
import Logging
import LoyaltyCore
import LoyaltyStore

/// The effect side of scans kept while the store's server is unreachable (issue 18 #4): keeping a scan in the
/// counter's durable queue, and replaying the queue in order through the store's normal purchase write, which
/// records a scan ID once.
///
/// Runs on the effect scheduler's serial lane (`EffectRunner`), so a scan and a replay never interleave: while
/// any scan waits, a new scan joins the queue behind it instead of going to the server first, so scans are
/// recorded in the order they were made.
public final class OfflineScans: @unchecked Sendable {
    public let queue: OfflineScanQueue
    /// This counter's name (its location and machine), kept with each scan for the manager reading the list.
    public let counter: String?
    private let logger: Logger
    private let lock = NSLock()
    /// The store's zone as last read, to note each kept scan's store-local date (the store computes it again).
    private var storeZone: TimeZone?
    /// After this many tries that failed for no known reason, a scan is set aside for a manager so it cannot hold
    /// up the scans behind it for ever.
    static let unexplainedTries = 5

    public init(queue: OfflineScanQueue, counter: String?, logger: Logger = Logger(label: "astro-loyalty.offline")) {
        self.queue = queue
        self.counter = counter
        self.logger = logger
    }

    /// Remembers the store's zone whenever the store told it (settings read while the server answered).
    public func noteStoreZone(_ zoneID: String) {
        guard let zone = TimeZone(identifier: zoneID) else { return }
        lock.withLock { storeZone = zone }
    }

    /// True while scans wait to be recorded: a new scan then joins them.
    public func hasWaiting() throws -> Bool { try queue.counts().waiting > 0 }

    /// Keeps one scan (durably, before the cashier is told).
    public func keep(customer: Int64, upc: UPC, quantity: Int, scanID: UUID, scannedAt: Date, by op: Operator) throws
        -> QueuedScan {
        let zone = lock.withLock { storeZone }
        let kept = try queue.append(QueuedScan(
            scanID: scanID, customerID: customer, upc: upc, quantity: quantity, scannedAt: scannedAt,
            localDate: zone.map { StoreCalendar(timeZone: $0).localDate(of: scannedAt) }, username: op.username,
            role: op.role, counter: counter, locationID: op.locationID))
        logger.notice("scan \(scanID) for customer \(customer) kept on this counter (queue #\(kept.id))")
        return kept
    }

    /// Takes a recorded scan out of the queue; another replay of the same queue (`queue retry` beside the counter)
    /// may have taken it out already.
    private func forget(_ scan: QueuedScan) throws {
        do { try queue.remove(id: scan.id) } catch StoreError.notFound {}
    }

    /// Records the waiting scans, oldest first, each with its own scan ID and time. Stops at the first that
    /// reaches no server (the rest keep their order for the next try); a scan the store refuses is marked and
    /// set aside; a scan already recorded (an earlier try committed but its answer was lost) is simply done.
    public func replay(into store: LoyaltyStore) throws -> ReplayReport {
        var report = ReplayReport()
        for scan in try queue.waiting() {
            do {
                try store.recordPurchase(customer: scan.customerID, upc: scan.upc, quantity: scan.quantity,
                                         scanID: scan.scanID, scannedAt: scan.scannedAt, by: scan.op)
                try forget(scan)
                report.recorded.append(scan)
                logger.info("kept scan #\(scan.id) (\(scan.scanID)) recorded")
            } catch StoreError.alreadyRecorded(let what) where what == LoyaltyStore.scanWords {
                try forget(scan)
                report.recorded.append(scan)
                logger.info("kept scan #\(scan.id) (\(scan.scanID)) was already recorded")
            } catch StoreError.serverUnreachable(let location) {
                try queue.noteAttempt(id: scan.id, error: StoreError.serverUnreachable(location: location).description)
                report.unreachable = true
                break
            } catch let refusal as StoreError {
                try queue.markRefused(id: scan.id, reason: refusal.description)
                var refused = scan
                refused.refusal = refusal.description
                report.refused.append(refused)
                logger.notice("kept scan #\(scan.id) (\(scan.scanID)) refused: \(refusal)")
            } catch {
                // Neither an answer nor a known outage (the counter's own trouble): try again later, but not for ever.
                logger.error("kept scan #\(scan.id) (\(scan.scanID)) failed: \(error)")
                if scan.attempts + 1 >= Self.unexplainedTries {
                    try queue.markRefused(id: scan.id, reason: "\(error)")
                } else {
                    try queue.noteAttempt(id: scan.id, error: "\(error)")
                }
                report.unreachable = true
                break
            }
        }
        report.queue = try queue.all()
        return report
    }
}
