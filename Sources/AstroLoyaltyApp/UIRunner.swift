import Foundation
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import TerminalNcurses

/// Runs the counter screen on `store` until the cashier quits: ncurses on this thread, effects on a
/// background queue, logs to `logPath` (never the screen). The root command calls this with no subcommand
/// (and with `--demo`, `trainingMode: true`).
public func runCounterUI(store: LoyaltyStore, config: AppConfig, trainingMode: Bool, logPath: String) throws {
    let logger = UILog.bootstrap(path: logPath, level: config.log.level)
    logger.info("counter screen starting on \(store.path)\(trainingMode ? " (training mode)" : "")")
    TextWidth.prepareLocale()

    let inbox = Inbox<AppMsg>()
    // The log is copied into the store file when the counter is quiet, not inside a cashier's commit.
    store.checkpointWhenIdle()
    // Import History reads Lightspeed through the same service (nil when it is not connected); connecting
    // or disconnecting on Enable Lightspeed hands it the new API (a new runner: nothing of Import History
    // is in flight on the admin screen).
    let runners = Locked<EffectRunner?>(nil)
    // Lightspeed (live or the training simulator) and the button listener; never stops the screen.
    let lightspeed = CounterLightspeed.startBlocking(
        store: store, config: config, trainingMode: trainingMode, logger: logger, post: { inbox.post($0) },
        onConnectionChange: { api in
            runners.value = EffectRunner(store: store, logger: logger, lightspeed: api, policy: config.points.salePolicy)
        })
    defer { lightspeed.stopBlocking() }
    runners.value = EffectRunner(store: store, logger: logger, lightspeed: lightspeed.connectedAPI,
                                 policy: config.points.salePolicy)
    let backend = UISizeReportingBackend(NcursesBackend(), inbox: inbox)
    let feature = AppFeature(idleLockMinutes: config.security.idleLockMinutes)
    var app = CounterApp(state: AppState(trainingMode: trainingMode), feature: feature) { effects in
        var others: [Effect] = []
        for effect in effects {
            if case .lightspeed(let work) = effect { lightspeed.perform(work) { inbox.post($0) } } else { others.append(effect) }
        }
        runners.value?.perform(others) { inbox.post($0) }
    }
    app.start()
    let options = LoopOptions(tickInterval: .seconds(1), keysWhenTooSmall: [.ctrl("c"), .ctrl("q")])
    let loop = EventLoop(app: app, backend: backend, options: options, inbox: inbox)
    defer { logger.info("counter screen closed") }
    do {
        try loop.run()
    } catch {
        logger.error("counter screen failed: \(error)")
        throw error
    }
}

/// Tells the app the terminal's real size once curses has started (before `begin` it is unknown), so the
/// first PgDn pages by the rows actually shown.
final class UISizeReportingBackend: TerminalBackend {
    private let inner: any TerminalBackend
    private let inbox: Inbox<AppMsg>

    init(_ inner: any TerminalBackend, inbox: Inbox<AppMsg>) {
        self.inner = inner
        self.inbox = inbox
    }

    var size: Size { inner.size }
    func begin() throws {
        try inner.begin()
        inbox.post(.resized(inner.size))
    }
    func end() { inner.end() }
    func readEvent(timeout: Duration) -> InputEvent? { inner.readEvent(timeout: timeout) }
    func draw(_ buffer: ScreenBuffer) { inner.draw(buffer) }
    var waker: (@Sendable () -> Void)? { inner.waker }
}
