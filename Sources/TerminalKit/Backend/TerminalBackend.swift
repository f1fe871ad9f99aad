/// The terminal as the event loop sees it: a size, events in, frames out. ncurses implements it in
/// `TerminalNcurses`; `MemoryBackend` implements it for tests and benchmarks.
///
/// Not thread-safe by contract: one thread (the event loop's) owns a backend from `begin` to `end`.
public protocol TerminalBackend: AnyObject {
    /// The current size in columns and rows.
    var size: Size { get }

    /// Takes over the terminal (raw mode, alternate screen…). Throws with a message a person can act on.
    func begin() throws

    /// Gives the terminal back as it was. Safe to call more than once.
    func end()

    /// The next event, waiting at most `timeout`; nil when nothing came.
    func readEvent(timeout: Duration) -> InputEvent?

    /// Shows a frame (including its cursor). Backends may send only what changed since the last frame.
    func draw(_ buffer: ScreenBuffer)

    /// A closure any thread may call to make a waiting `readEvent` return early (the event loop calls it
    /// when a message is posted to its inbox). nil when the backend cannot be interrupted: the loop then
    /// relies on the short read timeout.
    var waker: (@Sendable () -> Void)? { get }
}

extension TerminalBackend {
    public var waker: (@Sendable () -> Void)? { nil }
}
