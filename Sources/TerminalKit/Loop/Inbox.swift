import Foundation

/// The one door into the event loop for other threads: network results, database observations and the
/// Lightspeed button post messages here; the loop thread drains them between keys. Posting wakes a loop
/// that is waiting for a key (when the backend supports it; otherwise within the read timeout).
public final class Inbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Message] = []
    private var waker: (@Sendable () -> Void)?

    public init() {}

    /// Queues a message; safe from any thread.
    public func post(_ message: Message) {
        let wake = lock.withLock { () -> (@Sendable () -> Void)? in
            queue.append(message)
            return waker
        }
        wake?()
    }

    /// Takes every queued message, oldest first.
    public func drain() -> [Message] {
        lock.withLock {
            let messages = queue
            queue.removeAll(keepingCapacity: true)
            return messages
        }
    }

    public var pendingCount: Int { lock.withLock { queue.count } }

    /// Set by the loop to its backend's waker.
    func setWaker(_ newWaker: (@Sendable () -> Void)?) {
        lock.withLock { waker = newWaker }
    }
}
