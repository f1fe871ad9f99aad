import Foundation
import LoyaltyFeatures
import TerminalKit

/// The counter program as the event loop runs it: keys go through the keymap in force to `AppMsg`s,
/// `AppFeature.update` changes the state and returns effects, `perform` runs them elsewhere (their results
/// come back through the loop's inbox as `.message`), and `render` draws the state.
public struct CounterApp: TerminalApp {
    public typealias Message = AppMsg

    public private(set) var state: AppState
    public let feature: AppFeature
    /// Runs effects off the loop thread (the effect runner posting to the inbox); tests collect them.
    public let perform: ([Effect]) -> Void

    public init(state: AppState, feature: AppFeature, perform: @escaping ([Effect]) -> Void) {
        self.state = state
        self.feature = feature
        self.perform = perform
    }

    /// Starts the program: the first effects (store name…) are run.
    public mutating func start() {
        perform(feature.start(&state))
    }

    public mutating func update(_ input: AppInput<AppMsg>) -> UpdateResult {
        let message: AppMsg?
        switch input {
        case .key(let key): message = Keymaps.current(for: state).message(for: key)
        case .resize(let size): message = .resized(size)
        case .message(let m): message = m
        case .tick: message = .tick
        }
        guard let message else { return .unchanged }
        return send(message)
    }

    /// A key behind the "please enlarge" notice: only a scan's digits and Enter are kept (`AppFeature`).
    public mutating func hiddenKey(_ key: Key) -> UpdateResult {
        send(.keyWhileHidden(key))
    }

    /// Says on the enlarge notice that scans made behind it are kept.
    public var enlargeNote: String? {
        let kept = state.keptScans.filter { $0.why == .screenTooSmall }.count
        return kept == 0 ? nil : UIStrings.scansKeptBehindNotice(kept)
    }

    /// Applies one message (also what tests use to drive the app without keys).
    @discardableResult
    public mutating func send(_ message: AppMsg) -> UpdateResult {
        let before = state
        var effects = feature.update(&state, message)
        effects += reportLayout()
        if !effects.isEmpty { perform(effects) }
        if state.shouldQuit { return .quit }
        return state == before ? .unchanged : .changed
    }

    /// The renderer's layout is the one source of how many cards the checkout shows: after every change
    /// (a resize, cards loaded, Today's Purchases growing) the view-model is told, so PgUp/PgDn page by
    /// exactly what is drawn.
    private mutating func reportLayout() -> [Effect] {
        guard let layout = AppScreen.layoutReport(state) else { return [] }
        return feature.update(&state, layout)
    }

    public func render(into buffer: inout ScreenBuffer) {
        AppScreen.render(state, into: &buffer)
    }
}
