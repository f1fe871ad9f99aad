import Foundation

/// Settings of the event loop.
public struct LoopOptions: Sendable {
    /// Below this size the loop shows `EnlargeNotice` instead of the app and recovers when it grows.
    public var minimumSize: Size
    /// How long one key read may wait; bounds the delay of inbox messages on backends that cannot be woken.
    public var pollInterval: Duration
    /// When set, the app gets `.tick` this often.
    public var tickInterval: Duration?
    /// Keys still given to the app while the terminal is too small (everything else goes to the app's
    /// `hiddenKey`, which must not act on what the person cannot see). Ctrl-C by default, so quitting always works.
    public var keysWhenTooSmall: Set<Key>
    /// At most this many queued events are applied before a frame is drawn (a held key or a scanner burst
    /// costs one frame, not one per key).
    public var maxEventsPerFrame: Int
    public var enlargeMessage: String?

    public init(minimumSize: Size = Size(width: 80, height: 24), pollInterval: Duration = .milliseconds(50),
                tickInterval: Duration? = nil, keysWhenTooSmall: Set<Key> = [.ctrl("c")],
                maxEventsPerFrame: Int = 64, enlargeMessage: String? = nil) {
        self.minimumSize = minimumSize
        self.pollInterval = pollInterval
        self.tickInterval = tickInterval
        self.keysWhenTooSmall = keysWhenTooSmall
        self.maxEventsPerFrame = max(1, maxEventsPerFrame)
        self.enlargeMessage = enlargeMessage
    }
}

/// Runs a `TerminalApp` on one backend: the calling thread owns the backend (ncurses is not thread-safe),
/// reads events with a short timeout, drains the inbox, and redraws only when the app says something
/// changed or the size changed. Generic: it knows keys, sizes and frames, never the app's types.
public final class EventLoop<App: TerminalApp> {
    public let inbox: Inbox<App.Message>
    public let options: LoopOptions
    private var app: App
    private let backend: any TerminalBackend
    private var size: Size
    private var frame: ScreenBuffer
    private var needsRender = true
    /// Frames handed to the backend so far (benchmarks and tests).
    public private(set) var framesDrawn = 0

    public init(app: App, backend: any TerminalBackend, options: LoopOptions = LoopOptions(),
                inbox: Inbox<App.Message> = Inbox()) {
        self.app = app
        self.backend = backend
        self.options = options
        self.inbox = inbox
        self.size = backend.size
        self.frame = ScreenBuffer(size: backend.size)
    }

    /// Takes over the terminal and runs until the app returns `.quit`; always gives the terminal back.
    /// Returns the app's final state.
    @discardableResult
    public func run() throws -> App {
        try backend.begin()
        defer {
            inbox.setWaker(nil)
            backend.end()
        }
        inbox.setWaker(backend.waker)
        size = backend.size
        needsRender = true
        let clock = ContinuousClock()
        var nextTick = options.tickInterval.map { clock.now.advanced(by: $0) }

        while true {
            if deliverMessages() == .quit { break }
            if needsRender { drawFrame() }

            var timeout = options.pollInterval
            if let tick = nextTick { timeout = max(.zero, min(timeout, clock.now.duration(to: tick))) }
            var quit = false
            var event = backend.readEvent(timeout: timeout)
            var handled = 0
            while let current = event {
                if handle(current) == .quit { quit = true; break }
                handled += 1
                // Apply what is already queued before drawing, up to a frame's worth.
                event = handled < options.maxEventsPerFrame ? backend.readEvent(timeout: .zero) : nil
            }
            if quit { break }
            if let tick = nextTick, clock.now >= tick, let interval = options.tickInterval {
                nextTick = clock.now.advanced(by: interval)
                if apply(app.update(.tick)) == .quit { break }
            }
        }
        return app
    }

    private func deliverMessages() -> UpdateResult {
        for message in inbox.drain() {
            if apply(app.update(.message(message))) == .quit { return .quit }
        }
        return .unchanged
    }

    private func handle(_ event: InputEvent) -> UpdateResult {
        switch event {
        case .resize(let newSize):
            size = newSize
            needsRender = true
            return apply(app.update(.resize(newSize)))
        case .key(let key):
            if isTooSmall && !options.keysWhenTooSmall.contains(key) {
                // Only the notice is on screen: redraw it (its note may have changed), never the app.
                let result = app.hiddenKey(key)
                if result == .changed { needsRender = true }
                return result
            }
            return apply(app.update(.key(key)))
        }
    }

    @discardableResult
    private func apply(_ result: UpdateResult) -> UpdateResult {
        // While the enlarge notice is up, app changes do not change the picture.
        if result == .changed && !isTooSmall { needsRender = true }
        return result
    }

    private var isTooSmall: Bool { !size.fits(options.minimumSize) }

    private func drawFrame() {
        needsRender = false
        if frame.size != size { frame = ScreenBuffer(size: size) } else { frame.clear() }
        if isTooSmall {
            EnlargeNotice(minimum: options.minimumSize, message: options.enlargeMessage, note: app.enlargeNote)
                .draw(into: &frame)
        } else {
            app.render(into: &frame)
        }
        backend.draw(frame)
        framesDrawn += 1
    }
}
