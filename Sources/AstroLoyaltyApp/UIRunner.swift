import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit
import TerminalNcurses

/// Runs the counter screen on `store` until the cashier quits: ncurses on this thread, effects on the
/// `EffectScheduler`, logs to `logPath` (never the screen). The root command calls this with no subcommand
/// (and with `--demo`, `trainingMode: true`).
public func runCounterUI(store: LoyaltyStore, config: AppConfig, location: Location, trainingMode: Bool,
                         logPath: String, localFolder: String) throws {
    let logger = UILog.bootstrap(path: logPath, level: config.log.level)
    logger.info("counter screen starting on \(store.path) at \(location.name)\(trainingMode ? " (training mode)" : "")")
    TextWidth.prepareLocale()

    let inbox = Inbox<AppMsg>()
    // Every effect runs on this one scheduler; its results come back through the inbox.
    let scheduler = EffectScheduler<AppMsg>(post: { inbox.post($0) })
    // The log is copied into the store file when the counter is quiet, not inside a cashier's commit.
    store.checkpointWhenIdle(on: scheduler)
    // Import History reads Lightspeed through the same service (nil when it is not connected); connecting
    // or disconnecting on Enable Lightspeed hands it the new API.
    // Scans made while the store's server is unreachable are kept on this counter and recorded when it is back.
    let offline: OfflineScans?
    do {
        offline = OfflineScans(queue: try OfflineScanQueue(path: DataPaths().keptScansFile(forStore: store.path)),
                               counter: "\(location.name) (\(ProcessInfo.processInfo.hostName))", logger: logger)
    } catch {
        logger.error("no queue for scans while the server is unreachable: \(error)")
        offline = nil
    }
    let runner = EffectRunner(store: store, logger: logger, policy: config.points.salePolicy, location: location.id,
                              scheduler: scheduler, offline: offline, localFolder: localFolder)
    // Lightspeed (live or the training simulator) and the button listener start in the background; they
    // never stop the screen, and Lightspeed work waits for them.
    let lightspeed = CounterLightspeed(
        store: store, config: config, trainingMode: trainingMode, location: location.id, logger: logger, scheduler: scheduler,
        post: { inbox.post($0) }, onConnectionChange: { runner.useLightspeed($0) })
    lightspeed.start { runner.useLightspeed($0) }
    defer {
        // Quitting: no checkpoint countdown to wait out; work already asked for (a write the cashier made
        // just before quitting) finishes, and the listener closes its port, before the process ends.
        scheduler.cancel(.idleCheckpoint)
        // Kept scans are on disk: the next start replays them; quitting does not wait out a retry's timer.
        scheduler.cancel(.offlineReplay)
        scheduler.concurrent { _ in
            await scheduler.finished(.lightspeedStart)
            await lightspeed.stop()
            return nil
        }
        if !scheduler.drain(timeout: 5) { logger.warning("effects still running when the counter screen closed") }
    }
    let backend = UISizeReportingBackend(NcursesBackend(), inbox: inbox)
    let feature = AppFeature(idleLockMinutes: config.security.idleLockMinutes,
                             confirmQuantityAbove: config.checkout.confirmQuantityAbove)
    var app = CounterApp(state: AppState(trainingMode: trainingMode, location: location), feature: feature) { effects in
        for effect in effects {
            if case .lightspeed(let work) = effect { lightspeed.perform(work) }
            if case .watcher(let work) = effect { lightspeed.perform(watcher: work) }
        }
        runner.perform(effects)
    }
    app.start()
    let options = LoopOptions(tickInterval: .seconds(1), keysWhenTooSmall: [.ctrl("c"), .ctrl("q")],
                              enlargeMessage: UIStrings.enlarge(AppState.minimumSize))
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
