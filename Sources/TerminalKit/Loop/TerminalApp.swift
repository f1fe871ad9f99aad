/// Everything an app receives from the event loop.
public enum AppInput<Message: Sendable>: Sendable {
    case key(Key)
    /// The terminal changed size (the loop redraws anyway; apps may re-page lists).
    case resize(Size)
    /// A message posted to the loop's inbox from another thread.
    case message(Message)
    /// Sent every `LoopOptions.tickInterval`, for clocks and spinners.
    case tick
}

/// What an update did, so the loop redraws only when something changed (htop's `HandlerResult`).
public enum UpdateResult: Hashable, Sendable {
    case unchanged
    case changed
    case quit
}

/// An app the event loop can run: state that updates from inputs and renders itself into a buffer.
/// The loop knows nothing else about it, so the same loop runs the loyalty screens, demos and tests.
public protocol TerminalApp {
    associatedtype Message: Sendable

    /// Applies one input. Called on the loop thread only.
    mutating func update(_ input: AppInput<Message>) -> UpdateResult

    /// Draws the whole screen into a cleared buffer of the terminal's size (at least the minimum size).
    func render(into buffer: inout ScreenBuffer)

    /// A key typed while the enlarge notice hides the app (not one of `LoopOptions.keysWhenTooSmall`).
    /// The person cannot see what it would do, so it must not act on the screen; an app may still keep
    /// what must not be lost (a barcode scan). Ignored by default.
    mutating func hiddenKey(_ key: Key) -> UpdateResult

    /// A line the enlarge notice adds under its message (e.g. "1 scan kept"), nil for none.
    var enlargeNote: String? { get }
}

extension TerminalApp {
    public mutating func hiddenKey(_ key: Key) -> UpdateResult { .unchanged }
    public var enlargeNote: String? { nil }
}
