import Foundation

/// The one way effects run and are cancelled (docs/ARCHITECTURE.md, "Effects").
///
/// Every piece of background work — a store write, a Lightspeed fetch, starting the button listener, the
/// quiet-time checkpoint — is started here, and everything it reports (its result and any progress) is a
/// message handed to `post`, the event loop's inbox. Work started with an `EffectID` can be cancelled by
/// that ID; starting new work under an ID that is still running cancels the older work first ("the newest
/// search wins"). Once cancelled, nothing the work reports reaches the inbox any more, even if it finishes
/// later: cancelling and delivering take the same lock, so a message is either posted before the cancel
/// or never.
///
/// Two lanes: `serial` work (SQLite, password hashes) runs one piece after another, in the order started, on
/// one background thread, so writes keep their order and the cooperative thread pool is never blocked;
/// `concurrent` work (network, timers) runs as a task and can wait.
public final class EffectScheduler<Message: Sendable>: @unchecked Sendable {
    public typealias Post = @Sendable (Message) -> Void

    private let post: Post
    private let lock = NSLock()
    private let serialQueue: DispatchQueue
    /// Work in flight (both lanes), so `drain` and `idle` know when everything has finished.
    private let inFlight = DispatchGroup()
    /// Named work still running: the newest ticket per ID.
    private var named: [EffectID: Ticket] = [:]

    /// One started piece of work: whether its messages still count, and its task (concurrent lane).
    private final class Ticket: @unchecked Sendable {
        let id: EffectID?
        var cancelled = false
        var task: Task<Void, Never>?
        init(id: EffectID?) { self.id = id }
    }

    /// - Parameter post: where every message goes (the event loop's inbox).
    public init(label: String = "astro-loyalty.effects", post: @escaping Post) {
        self.post = post
        serialQueue = DispatchQueue(label: label)
    }

    /// Runs `work` after every serial piece started before it, on the effects thread; its message (if any)
    /// is posted unless `id` was cancelled first. Cancelled before it starts, it does not run at all.
    public func serial(_ id: EffectID? = nil, _ work: @escaping @Sendable () -> Message?) {
        let ticket = register(id)
        serialQueue.async { [self] in
            defer { finish(ticket) }
            guard !isCancelled(ticket) else { return }
            deliver(work(), ticket)
        }
    }

    /// Runs `work` as a task, after `delay` when given (cancelling during the delay means it never runs).
    /// `work` may report progress through the `post` it is handed; its result is posted when it returns.
    /// Both stop reaching the inbox once `id` is cancelled; `Task.isCancelled` tells the work itself.
    public func concurrent(_ id: EffectID? = nil, after delay: Duration? = nil,
                           _ work: @escaping @Sendable (_ post: @escaping Post) async -> Message?) {
        let ticket = register(id)
        // The task is created under the lock so `cancel` always finds it (even before it first runs).
        lock.withLock {
            ticket.task = Task { [self] in
                defer { finish(ticket) }
                if let delay {
                    do { try await Task.sleep(for: delay) } catch { return }
                }
                guard !isCancelled(ticket) else { return }
                let result = await work { [self] message in deliver(message, ticket) }
                deliver(result, ticket)
            }
        }
    }

    /// Cancels the running work named `id`: it is told (`Task.isCancelled`), and nothing more it reports is
    /// posted. Nothing happens when no such work runs.
    public func cancel(_ id: EffectID) {
        let task = lock.withLock { () -> Task<Void, Never>? in
            guard let ticket = named.removeValue(forKey: id) else { return nil }
            ticket.cancelled = true
            return ticket.task
        }
        task?.cancel()
    }

    /// Whether work named `id` was started and has neither finished nor been cancelled.
    public func isRunning(_ id: EffectID) -> Bool {
        lock.withLock { named[id] != nil }
    }

    /// Waits until the work named `id` (if any runs now) has finished or been cancelled. Work that needs
    /// what other work sets up (a Lightspeed request needs the service started) waits with this.
    public func finished(_ id: EffectID) async {
        let task = lock.withLock { named[id]?.task }
        await task?.value
    }

    /// Waits until every piece of work started so far has finished (tests).
    public func idle() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            inFlight.notify(queue: .global()) { done.resume() }
        }
    }

    /// Blocks the calling thread until every piece of work has finished or `timeout` passed; true when all
    /// finished. Only for the process's last moment (the counter screen closing), so a write the cashier
    /// asked for just before quitting still commits.
    @discardableResult
    public func drain(timeout: TimeInterval) -> Bool {
        inFlight.wait(timeout: .now() + timeout) == .success
    }

    // MARK: - Bookkeeping

    private func register(_ id: EffectID?) -> Ticket {
        let ticket = Ticket(id: id)
        inFlight.enter()
        let replaced = lock.withLock { () -> Ticket? in
            guard let id else { return nil }
            let older = named[id]
            older?.cancelled = true
            named[id] = ticket
            return older
        }
        replaced?.task?.cancel()
        return ticket
    }

    private func isCancelled(_ ticket: Ticket) -> Bool {
        lock.withLock { ticket.cancelled }
    }

    /// Posts `message` unless its work was cancelled; under the lock, so a cancel cannot slip in between.
    private func deliver(_ message: Message?, _ ticket: Ticket) {
        guard let message else { return }
        lock.withLock {
            guard !ticket.cancelled else { return }
            post(message)
        }
    }

    private func finish(_ ticket: Ticket) {
        lock.withLock {
            if let id = ticket.id, named[id] === ticket { named[id] = nil }
        }
        inFlight.leave()
    }
}

/// The name under which cancellable work runs. A view-model asks to cancel by ID (`Effect.cancel`), never
/// by holding a task.
public struct EffectID: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name }
    public var description: String { name }

    /// The lookup search: a newer search replaces an older one still waiting or running.
    public static let customerSearch = EffectID("customer-search")
    /// One Import History fetch, by the generation the view-model gave it.
    public static func importHistoryFetch(_ generation: Int) -> EffectID { EffectID("import-history-fetch-\(generation)") }
    /// Starting (or restarting) Lightspeed and the button listener; Lightspeed work waits for it.
    public static let lightspeedStart = EffectID("lightspeed-start")
    /// The next try at recording the scans kept while the store's server was unreachable: asking again replaces
    /// a try still waiting, so there is one retry timer however many scans are kept.
    public static let offlineReplay = EffectID("offline-replay")
    /// The counter's quiet-time checkpoint, restarted by every write.
    public static let idleCheckpoint = EffectID("idle-checkpoint")
}
