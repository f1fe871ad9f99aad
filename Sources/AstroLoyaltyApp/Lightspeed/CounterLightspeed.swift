import Foundation
import Lightspeed
import LightspeedSimulator
import Logging
import LoyaltyFeatures
import LoyaltyStore

/// Lightspeed while the counter screen runs: the service (live, or the training simulator), the button
/// listener on `button.port`, and the `LightspeedEffect`s the view-models ask for. Nothing here stops the
/// counter screen: when Lightspeed or the port is unavailable the status line says so and the rest works.
final class CounterLightspeed: Sendable {
    let store: LoyaltyStore
    let service: LightspeedService?
    let listener: ButtonListener?
    let logger: Logger

    private init(store: LoyaltyStore, service: LightspeedService?, listener: ButtonListener?, logger: Logger) {
        self.store = store
        self.service = service
        self.listener = listener
        self.logger = logger
    }

    /// Makes the service and starts the listener; problems are posted as `buttonUnavailable`.
    static func start(store: LoyaltyStore, config: AppConfig, trainingMode: Bool, logger: Logger,
                      post: @escaping @Sendable (AppMsg) -> Void) async -> CounterLightspeed {
        let service: LightspeedService
        do {
            service = try await LightspeedService.make(config: config, store: store, trainingMode: trainingMode,
                                                       logger: logger)
        } catch {
            logger.warning("Lightspeed unavailable: \(error)")
            post(.lightspeed(.buttonUnavailable("Lightspeed button off: \(error)")))
            return CounterLightspeed(store: store, service: nil, listener: nil, logger: logger)
        }
        guard config.button.enabled, let accountID = service.accountID else {
            return CounterLightspeed(store: store, service: service, listener: nil, logger: logger)
        }
        let verifier = ButtonVerifier(jwksURL: service.jwksURL, expectedAccountID: accountID,
                                      logger: Logger(label: "astro.lightspeed.button"))
        let listener = ButtonListener(port: UInt16(config.button.port), verifier: verifier, store: store,
                                      logger: logger) { event in
            post(.lightspeed(.buttonPressed(LightspeedButtonPress(event))))
        }
        do {
            try await listener.start()
        } catch {
            logger.warning("button listener: \(error)")
            post(.lightspeed(.buttonUnavailable(String(describing: error))))
            return CounterLightspeed(store: store, service: service, listener: nil, logger: logger)
        }
        return CounterLightspeed(store: store, service: service, listener: listener, logger: logger)
    }

    /// Blocking form for the (synchronous) counter-screen runner.
    static func startBlocking(store: LoyaltyStore, config: AppConfig, trainingMode: Bool, logger: Logger,
                              post: @escaping @Sendable (AppMsg) -> Void) -> CounterLightspeed {
        let box = ResultBox<CounterLightspeed>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await start(store: store, config: config, trainingMode: trainingMode, logger: logger, post: post)
            done.signal()
        }
        done.wait()
        return box.value!
    }

    /// Runs one effect in the background; the outcome comes back through `post`.
    func perform(_ effect: LightspeedEffect, post: @escaping @Sendable (AppMsg) -> Void) {
        logger.info("\(effect.description)")
        Task { if let message = await self.run(effect) { post(message) } }
    }

    func run(_ effect: LightspeedEffect) async -> AppMsg? {
        switch effect {
        case .handleButton(let press, let op):
            guard let service else {
                return .lightspeed(.saleFailed(saleID: press.saleID, message: LightspeedServiceError.notConnected.description))
            }
            do {
                let api = try service.connectedAPI()
                let outcome = try await LightspeedSaleHandler(api: api, store: store).handle(press, by: op)
                logger.info("Lightspeed \(press.kind.rawValue) \(press.saleID): \(outcome.status.rawValue), \(outcome.punchIDs.count) punches, points \(outcome.pointsChange)")
                return .lightspeed(.saleHandled(outcome))
            } catch {
                logger.warning("Lightspeed \(press.kind.rawValue) \(press.saleID) failed: \(error)")
                return .lightspeed(.saleFailed(saleID: press.saleID, message: String(describing: error)))
            }

        case .linkAndHandle(let customerID, let lightspeedID, let press, let op):
            do {
                try store.linkLightspeed(customer: customerID, to: lightspeedID, by: op)
            } catch {
                return .lightspeed(.saleFailed(saleID: press.saleID, message: String(describing: error)))
            }
            return await run(.handleButton(press, by: op))

        case .simulateSale(let customerID):
            guard let simulator = service?.simulator, let listener else {
                return .lightspeed(.simulationFailed("No Lightspeed simulator or button listener is running."))
            }
            do {
                let saleID = try await TrainingRegister(store: store, simulator: simulator).ringUp(customerID: customerID)
                let answer = try await simulator.pressButton(listener: await listener.buttonURL, saleID: saleID)
                guard answer.status == 200 else {
                    return .lightspeed(.simulationFailed("The button press was refused (\(answer.status))."))
                }
                // The listener has posted the press; its handling follows from there.
                return nil
            } catch {
                return .lightspeed(.simulationFailed("The simulator could not ring up a sale: \(error)"))
            }
        }
    }

    func stop() async {
        await listener?.stop()
        await service?.shutdown()
    }

    func stopBlocking() {
        let done = DispatchSemaphore(value: 0)
        Task {
            await stop()
            done.signal()
        }
        done.wait()
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

/// Carries a value out of a Task for the blocking bridge.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    var value: T? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
