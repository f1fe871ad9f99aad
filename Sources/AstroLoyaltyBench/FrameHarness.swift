import Foundation
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit

/// What a drawn frame showed, taken from the app state it was rendered from (so the benchmark knows which
/// frame first shows the answer to a key without reading the screen's text).
struct FrameMark: Sendable, Equatable {
    var route: Route = .signIn
    var lookupGeneration = 0
    var lookupResultsGeneration = 0
    var scanLength = 0
    var checkoutLoaded = false
    var checkoutInFlight = 0
    /// Checkout answers (punch recorded, refused…) applied so far.
    var checkoutAnswers = 0
    /// Frames drawn so far, and when the last one was handed to the backend.
    var frames = 0
    var drawnAt: UInt64 = 0
}

/// Shared between the loop thread (which renders and draws) and the benchmark thread (which sends keys
/// and waits for the frame that answers them).
final class FrameProbe: @unchecked Sendable {
    private let condition = NSCondition()
    private var rendered = FrameMark()
    private var drawn = FrameMark()
    private var answers = 0

    func answered() { condition.withLock { answers += 1 } }

    func render(_ state: AppState) {
        condition.withLock {
            rendered = FrameMark(route: state.route, lookupGeneration: state.lookup.generation,
                                 lookupResultsGeneration: state.lookup.resultsGeneration,
                                 scanLength: state.checkout.scan.text.count, checkoutLoaded: state.checkout.data != nil,
                                 checkoutInFlight: state.checkout.inFlight, checkoutAnswers: answers)
        }
    }

    func drew() {
        let now = Clock.nanoseconds()
        condition.withLock {
            let frames = drawn.frames + 1
            drawn = rendered
            drawn.frames = frames
            drawn.drawnAt = now
            condition.broadcast()
        }
    }

    var last: FrameMark { condition.withLock { drawn } }

    /// Waits until a drawn frame satisfies `predicate`; returns it (nil after `timeout` seconds).
    func wait(timeout: Double = 30, _ predicate: (FrameMark) -> Bool) -> FrameMark? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(drawn) {
            if !condition.wait(until: deadline) { return predicate(drawn) ? drawn : nil }
        }
        return drawn
    }
}

/// The counter app as the event loop runs it, reporting to the probe what each frame was rendered from.
struct ProbedApp: TerminalApp {
    typealias Message = AppMsg
    var inner: CounterApp
    let probe: FrameProbe

    mutating func update(_ input: AppInput<AppMsg>) -> UpdateResult {
        if case .message(.checkout(let msg)) = input {
            switch msg {
            case .actionDone, .actionFailed, .unknownUPC, .approvalRefused: probe.answered()
            default: break
            }
        }
        return inner.update(input)
    }

    func render(into buffer: inout ScreenBuffer) {
        inner.render(into: &buffer)
        probe.render(inner.state)
    }
}

/// The in-memory terminal, telling the probe when a frame is in the screen buffer.
final class ProbedBackend: TerminalBackend {
    let memory: MemoryBackend
    let probe: FrameProbe

    init(size: Size, probe: FrameProbe) {
        memory = MemoryBackend(size: size, keepAllFrames: false)
        self.probe = probe
    }

    var size: Size { memory.size }
    func begin() throws { try memory.begin() }
    func end() { memory.end() }
    func readEvent(timeout: Duration) -> InputEvent? { memory.readEvent(timeout: timeout) }
    func draw(_ buffer: ScreenBuffer) {
        memory.draw(buffer)
        probe.drew()
    }
    var waker: (@Sendable () -> Void)? { memory.waker }
}

/// The real event loop on its own thread, driven by keys from the benchmark thread.
final class LoopDriver: @unchecked Sendable {
    let probe = FrameProbe()
    let backend: ProbedBackend
    private var loop: EventLoop<ProbedApp>?
    private let done = DispatchSemaphore(value: 0)

    init(app: CounterApp, size: Size, inbox: Inbox<AppMsg>) {
        backend = ProbedBackend(size: size, probe: probe)
        loop = EventLoop(app: ProbedApp(inner: app, probe: probe), backend: backend,
                         options: LoopOptions(minimumSize: Size(width: 80, height: 24)), inbox: inbox)
    }

    func start() {
        let thread = Thread { [self] in
            _ = try? loop?.run()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func stop() {
        backend.memory.send(.ctrl("q"), .ctrl("q"))
        _ = done.wait(timeout: .now() + 10)
    }

    /// Sends keys; returns the monotonic time just before they were queued.
    @discardableResult
    func send(_ keys: [Key]) -> UInt64 {
        let now = Clock.nanoseconds()
        backend.memory.send(keys.map(InputEvent.key))
        return now
    }
}
