import Foundation
import LoyaltyFeatures
import Testing

/// The one way effects run and are cancelled: results and progress arrive as messages through the given
/// post (the inbox), cancellation is by ID, and a cancelled effect's late result never arrives. Every
/// "did not arrive" below has a control beside it that did arrive under the same conditions.
@Suite("Effect scheduler")
struct EffectSchedulerTests {
    /// What the scheduler posted, in order.
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func post(_ message: String) { lock.withLock { stored.append(message) } }
        var messages: [String] { lock.withLock { stored } }
    }

    /// A door work waits at until the test opens it (no sleeps: the test decides when the work goes on).
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var open = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        private var arrivedCount = 0
        func wait() async {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let now = lock.withLock { () -> Bool in
                    arrivedCount += 1
                    if open { return true }
                    waiters.append(c)
                    return false
                }
                if now { c.resume() }
            }
        }
        func openDoor() {
            let waiting = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
                open = true
                defer { waiters = [] }
                return waiters
            }
            waiting.forEach { $0.resume() }
        }
        var arrived: Int { lock.withLock { arrivedCount } }
        /// Waits (with a deadline) until `count` pieces of work stand at the door.
        func waitForArrivals(_ count: Int) async throws {
            let deadline = ContinuousClock.now + .seconds(5)
            while arrived < count {
                guard ContinuousClock.now < deadline else { throw GateTimeout() }
                await Task.yield()
            }
        }
        struct GateTimeout: Error {}
    }

    @Test func resultsAndProgressArriveAsMessagesInOrder() async {
        let inbox = Inbox()
        let scheduler = EffectScheduler<String>(post: inbox.post)
        scheduler.serial { "first" }
        scheduler.serial { nil }
        scheduler.serial { "second" }
        await scheduler.idle()
        #expect(inbox.messages == ["first", "second"])

        let progress = Inbox()
        let other = EffectScheduler<String>(post: progress.post)
        other.concurrent { post in
            post("page 1")
            post("page 2")
            return "done"
        }
        await other.idle()
        #expect(progress.messages == ["page 1", "page 2", "done"])
    }

    @Test func cancelByIDStopsTheWorkAndDropsItsLateResult() async throws {
        let inbox = Inbox()
        let scheduler = EffectScheduler<String>(post: inbox.post)
        let gate = Gate()
        let sawCancel = Inbox()
        for name in ["kept", "cancelled"] {
            scheduler.concurrent(EffectID(name)) { post in
                post("\(name) started")
                await gate.wait()
                if Task.isCancelled { sawCancel.post(name) }
                post("\(name) progress")
                return "\(name) result"
            }
        }
        try await gate.waitForArrivals(2)
        #expect(scheduler.isRunning(EffectID("cancelled")))
        scheduler.cancel(EffectID("cancelled"))
        #expect(!scheduler.isRunning(EffectID("cancelled")))
        gate.openDoor()
        await scheduler.idle()
        // The cancelled work was told, and nothing it reported after the cancel arrived; the control
        // running beside it under another ID reported everything.
        #expect(sawCancel.messages == ["cancelled"])
        #expect(inbox.messages.filter { $0.hasPrefix("kept") } == ["kept started", "kept progress", "kept result"])
        #expect(inbox.messages.filter { $0.hasPrefix("cancelled") } == ["cancelled started"])
    }

    @Test func newerWorkUnderTheSameIDReplacesTheOlder() async {
        let inbox = Inbox()
        let scheduler = EffectScheduler<String>(post: inbox.post)
        // The serial lane is held while three searches queue up behind it; only the newest may run.
        let hold = DispatchSemaphore(value: 0)
        scheduler.serial {
            hold.wait()
            return nil
        }
        for query in ["s", "sa", "sal"] {
            scheduler.serial(.customerSearch) { "search \(query)" }
        }
        hold.signal()
        await scheduler.idle()
        #expect(inbox.messages == ["search sal"])
        // Control: a search alone reports.
        scheduler.serial(.customerSearch) { "search sally" }
        await scheduler.idle()
        #expect(inbox.messages == ["search sal", "search sally"])
    }

    @Test func workCancelledDuringItsDelayNeverRuns() async throws {
        let inbox = Inbox()
        let scheduler = EffectScheduler<String>(post: inbox.post)
        scheduler.concurrent(.idleCheckpoint, after: .seconds(30)) { _ in "ran" }
        #expect(scheduler.isRunning(.idleCheckpoint))
        scheduler.cancel(.idleCheckpoint)
        // Restarting the countdown replaces the older one: one run, not two.
        scheduler.concurrent(.idleCheckpoint, after: .milliseconds(10)) { _ in "ran early" }
        scheduler.concurrent(.idleCheckpoint, after: .milliseconds(20)) { _ in "ran late" }
        await scheduler.idle()
        #expect(inbox.messages == ["ran late"])
    }

    @Test func finishedWaitsForNamedWork() async throws {
        let inbox = Inbox()
        let scheduler = EffectScheduler<String>(post: inbox.post)
        let gate = Gate()
        scheduler.concurrent(.lightspeedStart) { _ in
            await gate.wait()
            return "started"
        }
        scheduler.concurrent { _ in
            await scheduler.finished(.lightspeedStart)
            return "after start"
        }
        try await gate.waitForArrivals(1)
        #expect(inbox.messages.isEmpty)
        gate.openDoor()
        await scheduler.idle()
        #expect(inbox.messages == ["started", "after start"])
    }

    @Test func drainWaitsForWorkInFlight() {
        let inbox = Inbox()
        let scheduler = EffectScheduler<String>(post: inbox.post)
        scheduler.serial {
            usleep(50_000)
            return "written"
        }
        #expect(scheduler.drain(timeout: 5))
        #expect(inbox.messages == ["written"])
    }
}
