import Foundation
import Lightspeed

/// A clock that only moves when told to. Shared by the simulator and a client in tests, a client's
/// "sleep" advances it, so `Retry-After: 30`, token expiry and the leaky bucket run in no real time.
public final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var recordedSleeps: [Double] = []

    public init(start: Date = Date(timeIntervalSince1970: 1_780_000_000)) {
        current = start
    }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func advance(by seconds: Double) {
        lock.lock()
        current = current.addingTimeInterval(seconds)
        lock.unlock()
    }

    private func recordSleep(_ seconds: Double) {
        lock.lock()
        recordedSleeps.append(seconds)
        current = current.addingTimeInterval(max(0, seconds))
        lock.unlock()
    }

    /// Every sleep a client asked for, in order.
    public var sleeps: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return recordedSleeps
    }

    /// A client environment whose sleeps advance this clock instead of waiting.
    public var environment: LightspeedEnvironment {
        LightspeedEnvironment(now: { [self] in now() }, sleep: { [self] seconds in
            if Task.isCancelled { throw CancellationError() }
            recordSleep(seconds)
            await Task.yield()
        })
    }
}
