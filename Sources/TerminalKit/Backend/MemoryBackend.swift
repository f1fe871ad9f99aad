import Foundation

/// A terminal in memory for tests and benchmarks: events are queued by the test (from any thread), frames
/// are kept, and the size can change (which queues a resize event, as a real terminal does).
public final class MemoryBackend: TerminalBackend, @unchecked Sendable {
    private let condition = NSCondition()
    private var events: [InputEvent] = []
    private var woken = false
    private var currentSize: Size
    private var drawn: [ScreenBuffer] = []
    private var keepsAllFrames: Bool
    private var began = false
    private var ended = false
    private var lastDiff: BufferDiff?

    /// - Parameter keepAllFrames: keep every frame (tests of what was shown); otherwise only the last one
    ///   (benchmarks).
    public init(size: Size = Size(width: 80, height: 24), keepAllFrames: Bool = true) {
        self.currentSize = size
        self.keepsAllFrames = keepAllFrames
    }

    public var size: Size { condition.withLock { currentSize } }

    public func begin() throws { condition.withLock { began = true } }
    public func end() { condition.withLock { ended = true } }

    /// True once `begin` / `end` were called (tests check that the loop restores the terminal).
    public var didBegin: Bool { condition.withLock { began } }
    public var didEnd: Bool { condition.withLock { ended } }

    public func readEvent(timeout: Duration) -> InputEvent? {
        let deadline = Date().addingTimeInterval(timeout.seconds)
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty && !woken {
            if !condition.wait(until: deadline) { break }
        }
        woken = false
        return events.isEmpty ? nil : events.removeFirst()
    }

    public func draw(_ buffer: ScreenBuffer) {
        condition.withLock {
            lastDiff = BufferDiff.between(drawn.last, buffer)
            if !keepsAllFrames { drawn.removeAll(keepingCapacity: true) }
            drawn.append(buffer)
        }
    }

    public var waker: (@Sendable () -> Void)? {
        { [self] in
            condition.withLock {
                woken = true
                condition.broadcast()
            }
        }
    }

    // MARK: test side

    /// Queues events as if typed.
    public func send(_ newEvents: [InputEvent]) {
        condition.withLock {
            events.append(contentsOf: newEvents)
            condition.broadcast()
        }
    }

    public func send(_ keys: Key...) { send(keys.map(InputEvent.key)) }

    /// Types a string, one `.char` key per character.
    public func type(_ text: String) { send(text.map { .key(.char($0)) }) }

    /// Changes the size and queues the resize event.
    public func resize(to newSize: Size) {
        condition.withLock {
            currentSize = newSize
            events.append(.resize(newSize))
            condition.broadcast()
        }
    }

    /// Events not yet read.
    public var pendingEventCount: Int { condition.withLock { events.count } }

    /// Every frame drawn so far (only the last one with `keepAllFrames: false`).
    public var frames: [ScreenBuffer] { condition.withLock { drawn } }

    public var lastFrame: ScreenBuffer? { condition.withLock { drawn.last } }

    /// What the last draw changed compared with the frame before.
    public var lastDrawDiff: BufferDiff? { condition.withLock { lastDiff } }

    /// Blocks until a drawn frame satisfies `predicate` or the timeout passes (for tests that run the loop
    /// on another thread).
    public func waitForFrame(timeout: Duration = .seconds(5),
                             where predicate: (ScreenBuffer) -> Bool) -> ScreenBuffer? {
        let deadline = Date().addingTimeInterval(timeout.seconds)
        while Date() < deadline {
            if let frame = lastFrame, predicate(frame) { return frame }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
