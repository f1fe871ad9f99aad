import Foundation

/// Wrong tries for usernames that do not exist, counted like a real user's (in memory, per running
/// program), so a sign-in answers an unknown name exactly as it answers a known one — "4 tries left",
/// then "locked until" — and the answers never tell which usernames exist.
final class SignInDecoys: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: Int] = [:]
    private var lockedUntil: [String: Date] = [:]
    /// Enough for any honest counter; an attacker's list of names cannot grow it without bound.
    private let capacity = 1_000

    /// The lock on this name, if one is running.
    func lock(of name: String, now: Date) -> Date? {
        lock.withLock { lockedUntil[name].flatMap { $0 > now ? $0 : nil } }
    }

    /// Counts a wrong try: the tries left, or the lock's end when this try locks the name.
    func fail(_ name: String, now: Date, maxAttempts: Int, lockFor duration: TimeInterval) -> (left: Int, lockedUntil: Date?) {
        lock.withLock {
            if failures.count >= capacity { failures.removeAll() }
            if lockedUntil.count >= capacity { lockedUntil = lockedUntil.filter { $0.value > now } }
            let count = (failures[name] ?? 0) + 1
            if count >= maxAttempts {
                failures[name] = nil
                let until = now.addingTimeInterval(duration)
                lockedUntil[name] = until
                return (0, until)
            }
            failures[name] = count
            return (maxAttempts - count, nil)
        }
    }
}
