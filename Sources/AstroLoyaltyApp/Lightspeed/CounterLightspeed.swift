import Foundation
import Lightspeed
import LightspeedSimulator
import Logging
import LoyaltyFeatures
import LoyaltyStore

/// Lightspeed while the counter screen runs: the service (live, or the training simulator), the button
/// listener on `button.port`, and the `LightspeedEffect`s the view-models ask for. Nothing here stops the
/// counter screen: when Lightspeed or the port is unavailable the status line says so and the rest works.
///
/// All of it runs on the `EffectScheduler` like every other effect: `start` under `EffectID.lightspeedStart`
/// (the screen opens at once; Lightspeed work waits for the start), each `LightspeedEffect` on the
/// concurrent lane, its outcome a message through the inbox.
///
/// Connecting or disconnecting from Enable Lightspeed rebuilds the service and the listener in place, and
/// `onConnectionChange` hands the new API to whoever holds one (Import History), so no restart is needed.
final class CounterLightspeed: Sendable {
    let store: LoyaltyStore
    let config: AppConfig
    let trainingMode: Bool
    /// This counter's location (nil: the default one): where the sweep's unknown-shop sales belong.
    let location: Int64?
    let logger: Logger
    let scheduler: EffectScheduler<AppMsg>
    /// Where the listener's button presses go (the inbox): events from outside, not results of an effect.
    private let post: @Sendable (AppMsg) -> Void
    private let current = Locked(Parts())
    /// Called with the connected API (nil when not connected) after a connect or disconnect.
    let onConnectionChange: @Sendable (LightspeedAPI?) -> Void

    struct Parts: Sendable {
        var service: LightspeedService?
        var listener: ButtonListener?
        /// Why the service could not be made (bad settings, training data missing).
        var problem: EffectError?
        /// The sales watcher (while connected and `watcher.enabled`); cancelled and awaited on a rebuild or stop.
        var watcher: Task<Void, Never>?
        /// Reads the sales the button was pressed on while open until they complete (nil when not connected).
        var pending: PendingSaleWatcher?
        var pendingTask: Task<Void, Never>?
    }

    var service: LightspeedService? { current.value.service }
    var listener: ButtonListener? { current.value.listener }
    /// The API of the connected store now, nil when not connected.
    var connectedAPI: LightspeedAPI? { try? current.value.service?.connectedAPI() }

    init(store: LoyaltyStore, config: AppConfig, trainingMode: Bool, location: Int64? = nil, logger: Logger,
         scheduler: EffectScheduler<AppMsg>, post: @escaping @Sendable (AppMsg) -> Void,
         onConnectionChange: @escaping @Sendable (LightspeedAPI?) -> Void = { _ in }) {
        self.store = store
        self.config = config
        self.trainingMode = trainingMode
        self.location = location
        self.logger = logger
        self.scheduler = scheduler
        self.post = post
        self.onConnectionChange = onConnectionChange
    }

    /// Makes the service and starts the listener in the background (`EffectID.lightspeedStart`); problems
    /// are posted as `buttonUnavailable`. `ready` gets the connected API (nil when not connected) once done.
    func start(ready: @escaping @Sendable (LightspeedAPI?) -> Void = { _ in }) {
        scheduler.concurrent(.lightspeedStart) { [self] results in
            current.value = await Self.makeParts(store: store, config: config, trainingMode: trainingMode,
                                                 logger: logger, results: results, events: post)
            ready(connectedAPI)
            return nil
        }
    }

    /// Made and started, ready when it returns (tests): its messages go to `post`.
    static func start(store: LoyaltyStore, config: AppConfig, trainingMode: Bool, logger: Logger,
                      post: @escaping @Sendable (AppMsg) -> Void,
                      onConnectionChange: @escaping @Sendable (LightspeedAPI?) -> Void = { _ in })
        async -> CounterLightspeed {
        let counter = CounterLightspeed(store: store, config: config, trainingMode: trainingMode, logger: logger,
                                        scheduler: EffectScheduler(post: post), post: post,
                                        onConnectionChange: onConnectionChange)
        counter.start()
        await counter.scheduler.finished(.lightspeedStart)
        return counter
    }

    /// `results` gets what the starting reports (the effect's own messages); `events` gets the button presses.
    private static func makeParts(store: LoyaltyStore, config: AppConfig, trainingMode: Bool, logger: Logger,
                                  results post: @escaping @Sendable (AppMsg) -> Void,
                                  events: @escaping @Sendable (AppMsg) -> Void) async -> Parts {
        let service: LightspeedService
        do {
            service = try await LightspeedService.make(config: config, store: store, trainingMode: trainingMode,
                                                       logger: logger)
        } catch {
            logger.warning("Lightspeed unavailable: \(error)")
            post(.lightspeed(.buttonUnavailable(EffectError(error))))
            return Parts(service: nil, listener: nil, problem: EffectError(error))
        }
        let watcher = startWatcher(service: service, store: store, config: config, logger: logger, post: events)
        // Presses on open sales waiting in the store (from before a restart too) are watched from now on.
        var pending: PendingSaleWatcher?
        var pendingTask: Task<Void, Never>?
        if let api = try? service.connectedAPI() {
            let running = PendingSaleWatcher(handler: LightspeedSaleHandler(api: api, store: store,
                                                                            policy: config.points.salePolicy),
                                             logger: logger, post: events)
            pending = running
            pendingTask = Task.detached { await running.run() }
        }
        guard config.button.enabled, let accountID = service.accountID else {
            return Parts(service: service, listener: nil, watcher: watcher, pending: pending, pendingTask: pendingTask)
        }
        let verifier = ButtonVerifier(jwksURL: service.jwksURL, expectedAccountID: accountID,
                                      logger: Logger(label: "astro.lightspeed.button"))
        let listener = ButtonListener(port: UInt16(config.button.port), verifier: verifier, store: store,
                                      logger: logger) { event in
            events(.lightspeed(.buttonPressed(LightspeedButtonPress(event))))
        }
        do {
            try await listener.start()
        } catch {
            logger.warning("button listener: \(error)")
            post(.lightspeed(.buttonUnavailable(EffectError(error))))
            return Parts(service: service, listener: nil, watcher: watcher, pending: pending, pendingTask: pendingTask)
        }
        return Parts(service: service, listener: listener, watcher: watcher, pending: pending,
                     pendingTask: pendingTask)
    }

    /// The sales watcher inside the counter screen: its status goes to the status bar. Every counter runs
    /// one; the store's lease lets only one of them read and record at a time.
    private static func startWatcher(service: LightspeedService, store: LoyaltyStore, config: AppConfig, logger: Logger,
                                     post: @escaping @Sendable (AppMsg) -> Void) -> Task<Void, Never>? {
        // What an admin set for the store wins over the config (every counter on the store shares it).
        let settings = config.watcher.settings.applying((try? store.storedWatcherSettings()) ?? StoredWatcherSettings())
        // The training store's built-in simulator is not watched: its demo sales are there to practise the
        // button and Import History on.
        guard settings.enabled, !service.trainingMode, let api = try? service.connectedAPI() else { return nil }
        let zone = TimeZone(identifier: (try? store.settings().timeZoneID) ?? "") ?? .current
        let holder = "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier) (counter)"
        let watcher = WatchCommand.watcher(config: config, client: service.client, api: api, store: store, holder: holder,
                                           onStatus: { status in
                                               var problem = false
                                               if case .problem = status { problem = true }
                                               post(.lightspeed(.watcher(line: WatcherStrings.statusLine(status, timeZone: zone),
                                                                         isProblem: problem)))
                                           },
                                           log: { logger.info("\($0)") })
        return Task { await watcher.run() }
    }

    /// After a connect or disconnect: a new service (reading the stored connection) and listener.
    private func rebuild(post: @escaping @Sendable (AppMsg) -> Void) async {
        let old = current.value
        old.watcher?.cancel()
        old.pendingTask?.cancel()
        await old.watcher?.value
        await old.listener?.stop()
        await old.service?.shutdown()
        let problems = Locked<[EffectError]>([])
        let parts = await Self.makeParts(store: store, config: config, trainingMode: trainingMode, logger: logger,
                                         results: {
            if case .lightspeed(.buttonUnavailable(let why)) = $0 { problems.value.append(why) }
            post($0)
        }, events: self.post)
        current.value = parts
        if problems.value.isEmpty, parts.listener != nil { post(.lightspeed(.buttonAvailable)) }
        onConnectionChange(try? parts.service?.connectedAPI())
    }

    /// The watcher screens' effects (the queue, the sweep, the settings), with the connected API and sales feed,
    /// on the scheduler once Lightspeed has started; the sweep under its ID, so Esc cancels it. Saving the
    /// settings restarts this counter's watcher with them.
    func perform(watcher effect: WatcherScreenEffect) {
        logger.info("\(effect.description)")
        scheduler.concurrent(effect.id) { [self] results in
            await scheduler.finished(.lightspeedStart)
            let service = current.value.service
            let runner = WatcherScreenRunner(store: store, api: connectedAPI, feed: service.map { SalesFeed.live($0.client) },
                                             defaults: config.watcher.settings, policy: config.points.salePolicy,
                                             location: location, logger: logger)
            let message = await runner.run(effect, post: results)
            if case .watcher(.settings(.saved)) = message { await restartWatcher() }
            return message
        }
    }

    /// Stops this counter's watcher (it gives its lease back) and starts it again with the store's settings.
    func restartWatcher() async {
        let parts = current.value
        parts.watcher?.cancel()
        await parts.watcher?.value
        guard let service = parts.service else { return }
        let watcher = Self.startWatcher(service: service, store: store, config: config, logger: logger, post: post)
        if watcher == nil, !service.trainingMode {
            // Switched off: the status bar must not keep saying "up to date".
            post(.lightspeed(.watcher(line: WatcherStrings.statusLine(.off, timeZone: .current), isProblem: false)))
        }
        var updated = current.value
        updated.watcher = watcher
        current.value = updated
    }

    /// Runs one effect on the scheduler once Lightspeed has started; the outcome comes back as a message.
    func perform(_ effect: LightspeedEffect) {
        logger.info("\(effect.description)")
        scheduler.concurrent { [self] results in
            await scheduler.finished(.lightspeedStart)
            return await run(effect, post: results)
        }
    }

    func run(_ effect: LightspeedEffect, post: @escaping @Sendable (AppMsg) -> Void = { _ in }) async -> AppMsg? {
        switch effect {
        case .handleButton(let press, let op):
            guard let service else {
                return .lightspeed(.saleFailed(saleID: press.saleID, .lightspeedService(.notConnected)))
            }
            do {
                let api = try service.connectedAPI()
                let outcome = try await LightspeedSaleHandler(api: api, store: store, policy: config.points.salePolicy)
                    .handle(press, by: op)
                if outcome.status == .waiting { await current.value.pending?.pressRemembered(saleID: press.saleID) }
                logger.info("Lightspeed \(press.kind.rawValue) \(press.saleID): \(outcome.status.rawValue), \(outcome.punchIDs.count) punches, points \(outcome.pointsChange)")
                return .lightspeed(.saleHandled(outcome))
            } catch {
                logger.warning("Lightspeed \(press.kind.rawValue) \(press.saleID) failed: \(error)")
                return .lightspeed(.saleFailed(saleID: press.saleID, EffectError(error)))
            }

        case .linkAndHandle(let customerID, let lightspeedID, let press, let op):
            do {
                try store.linkLightspeed(customer: customerID, to: lightspeedID, by: op)
            } catch {
                return .lightspeed(.saleFailed(saleID: press.saleID, EffectError(error)))
            }
            return await run(.handleButton(press, by: op))

        case .simulateSale(let customerID):
            guard let simulator = service?.simulator, let listener else {
                return .lightspeed(.simulationFailed(.lightspeedService(.noSimulator)))
            }
            do {
                // The register's real order: ring up, the cashier presses the button during the sale, then takes
                // payment. The press waits for the sale; its punches arrive once it completes.
                let saleID = try await TrainingRegister(store: store, simulator: simulator).ringUp(customerID: customerID)
                let answer = try await simulator.pressButton(listener: await listener.buttonURL, saleID: saleID)
                guard answer.status == 200 else {
                    return .lightspeed(.simulationFailed(.lightspeedService(.buttonPressRefused(status: answer.status))))
                }
                try await Task.sleep(nanoseconds: 700_000_000)
                try await simulator.completeSale(saleID)
                // The listener has posted the press; the watcher records the sale once it reads it completed.
                return nil
            } catch {
                return .lightspeed(.simulationFailed(.lightspeedService(.trainingSaleFailed(String(describing: error)))))
            }

        case .loadSetup:
            return .lightspeed(.setup(.loaded(await setupInfo())))

        case .connect(let pasted, let expectedState, let op):
            guard let service else {
                return .lightspeed(.setup(.failed(current.value.problem ?? .lightspeedService(.notConnected))))
            }
            do {
                let account = try await service.connect(pasted: pasted, expectedState: expectedState, by: op)
                logger.info("Lightspeed connected to account \(account.id) by \(op.username)")
            } catch {
                logger.warning("Lightspeed connect failed: \(error)")
                return .lightspeed(.setup(.failed(EffectError(error))))
            }
            await rebuild(post: post)
            return .lightspeed(.setup(.connected(await setupInfo())))

        case .disconnect(let op):
            do {
                try store.disconnectLightspeed(by: op)
            } catch {
                return .lightspeed(.setup(.failed(EffectError(error))))
            }
            logger.info("Lightspeed disconnected by \(op.username)")
            await rebuild(post: post)
            return .lightspeed(.setup(.disconnected(await setupInfo())))

        case .searchCustomers(let text, let generation):
            guard let api = connectedAPI else {
                return .lightspeed(.link(.searchFailed(generation: generation,
                                                       current.value.problem ?? .lightspeed(.notConnected))))
            }
            do {
                let found = try await api.searchCustomers(text)
                let matches = try found.map { customer in
                    let linked = try store.customer(lightspeedID: customer.id)
                    return LightspeedCustomerMatch(
                        customer: LightspeedCustomerInfo(lightspeedID: customer.id, firstName: customer.firstName,
                                                         lastName: customer.lastName, phone: customer.phone,
                                                         email: customer.email),
                        linkedCustomerID: linked?.id, linkedCustomerName: linked?.fullName)
                }
                return .lightspeed(.link(.searched(generation: generation, matches)))
            } catch {
                logger.warning("Lightspeed customer search failed: \(error)")
                return .lightspeed(.link(.searchFailed(generation: generation, EffectError(error))))
            }

        case .link(let customerID, let lightspeedID, let op):
            do {
                try store.linkLightspeed(customer: customerID, to: lightspeedID, by: op)
                return .lightspeed(.link(.linked(customerID: customerID, lightspeedID: lightspeedID)))
            } catch {
                return .lightspeed(.link(.failed(EffectError(error))))
            }

        case .unlink(let customerID, let op):
            do {
                try store.unlinkLightspeed(customer: customerID, by: op)
                return .lightspeed(.link(.unlinked(customerID: customerID)))
            } catch {
                return .lightspeed(.link(.failed(EffectError(error))))
            }
        }
    }

    /// What Enable Lightspeed shows: the stored connection (no network), a fresh authorize address.
    func setupInfo() async -> LightspeedSetupInfo {
        let buttonURL = ButtonListener.buttonURL(port: config.button.port).absoluteString
        let parts = current.value
        guard let service = parts.service else {
            return LightspeedSetupInfo(trainingMode: trainingMode,
                                       clientID: config.lightspeed.clientID ?? LightspeedConfiguration.applicationClientID,
                                       usesClientSecret: config.lightspeed.clientSecret != nil,
                                       redirectURI: config.lightspeed.redirectURI, buttonURL: buttonURL, problem: parts.problem)
        }
        if service.trainingMode {
            let account = try? await service.api.account()
            var info = LightspeedSetupInfo(accountID: service.accountID, accountName: account?.name, trainingMode: true,
                                           buttonURL: buttonURL)
            info.timeZoneWarning = await timeZoneWarning(service)
            return info
        }
        let connection = try? store.lightspeedConnection()
        var info = LightspeedSetupInfo(accountID: connection?.accountID, accountName: connection?.accountName,
                                       clientID: service.clientID, usesClientSecret: service.usesClientSecret,
                                       redirectURI: service.redirectURI, buttonURL: buttonURL)
        // A fresh attempt: its PKCE verifier stays inside the client, only the address and state come out.
        let request = service.client.authorizationRequest()
        info.authorizeURL = request.url.absoluteString
        info.authorizeState = request.state
        if connection != nil { info.timeZoneWarning = await timeZoneWarning(service) }
        return info
    }

    /// The store's zone against the connected account's shops (one read, cached by the client).
    private func timeZoneWarning(_ service: LightspeedService) async -> String? {
        guard let api = try? service.connectedAPI(), let shops = try? await api.shops(),
              let zone = try? store.settings().timeZoneID else { return nil }
        return ShopTimeZoneCheck.warning(storeTimeZoneID: zone, shops: shops)
    }

    func stop() async {
        let parts = current.value
        parts.watcher?.cancel()
        parts.pendingTask?.cancel()
        await parts.watcher?.value
        await parts.listener?.stop()
        await parts.service?.shutdown()
    }
}

/// A value shared between the UI thread and effect tasks.
final class Locked<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Rings up a plausible sale in the training simulator: one or two units of a program item or two.
struct TrainingRegister {
    let store: LoyaltyStore
    let simulator: LightspeedSimulator

    func ringUp(customerID: String) async throws -> String {
        var lines: [RingUpLine] = []
        let items = try store.programs().flatMap(\.items).shuffled()
        for item in items {
            guard let id = await simulator.itemID(forCode: item.upc.display) else { continue }
            lines.append(RingUpLine(itemID: id, quantity: lines.isEmpty ? 1 : Int.random(in: 1...2)))
            if lines.count == 2 { break }
        }
        guard !lines.isEmpty else { throw TrainingRegisterError.noProgramItems }
        return try await simulator.ringUpSale(customerID: customerID, lines: lines)
    }
}

enum TrainingRegisterError: Error, CustomStringConvertible {
    case noProgramItems
    var description: String { "the simulator has none of the programs' items" }
}

extension LightspeedButtonPress {
    init(_ event: ButtonEvent) {
        self.init(kind: event.kind == .refund ? .refund : .sale, saleID: event.saleID, customerID: event.customerID,
                  employeeID: event.employeeID, registerID: event.registerID)
    }
}
