import ArgumentParser
import Foundation
import Lightspeed
import LightspeedSimulator
import LoyaltyFeatures

/// `astro-loyalty lightspeed-sim`: the Lightspeed simulator in the foreground, so a store (or a newcomer)
/// can connect the program to it exactly as to a real Lightspeed account. Ctrl-C stops it.
struct LightspeedSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightspeed-sim",
        abstract: "Run the Lightspeed simulator on 127.0.0.1 until Ctrl-C.",
        discussion: """
            Point the config's lightspeed.apiBaseURL and lightspeed.authBaseURL at the printed address and run
            `astro-loyalty lightspeed connect`: like Lightspeed, it knows Astro Loyalty's public client (PKCE, no
            secret) and sends the browser to its registered HTTPS address. It also has a store's own
            registration (the printed store client ID and secret) to try the confidential mode. See
            docs/lightspeed-simulator.md for its data file.
            """)
    @Option(help: "The simulator's data file (default: Assets/lightspeed-demo.json).") var data: String?
    @Option(help: "Port on 127.0.0.1 (0 picks a free one).") var port: UInt16 = 8790
    @Option(help: "Registers on the account: Lightspeed's bucket is 90 + 10 per extra register, its drip 1 + 0.5/s per extra register.")
    var registers: Int = 1

    func run() async throws {
        guard let file = data ?? AssetLocator.path(of: "lightspeed-demo.json") else {
            throw CLIError(LightspeedServiceError.trainingDataMissing.description)
        }
        let simulator: LightspeedSimulator
        do {
            let extra = Double(max(registers, 1) - 1)
            simulator = try LightspeedSimulator(dataFile: URL(fileURLWithPath: file),
                                                options: SimulatorOptions(bucketSize: 90 + 10 * extra, dripRate: 1 + 0.5 * extra))
        } catch {
            throw CLIError("The simulator data \(file) could not be read: \(error)")
        }
        let bound: UInt16
        do { bound = try await simulator.start(port: port) } catch {
            throw CLIError("The simulator could not listen on 127.0.0.1:\(port) (in use?): \(error)")
        }
        let base = await simulator.baseURL.absoluteString
        // Written unbuffered: a script waiting for the address reads a pipe.
        FileHandle.standardOutput.write(Data("""
            Lightspeed simulator on \(base) (account \(await simulator.accountID)), data \(file)
              public client ID: \(simulator.clientID) (PKCE, no secret; the built-in default)
              store's own client: \(simulator.storeClientID), secret \(simulator.clientSecret) (confidential mode)
              registered redirect: \(simulator.redirectURI)
              authorize: \(base)/auth/oauth/authorize   token: \(base)/auth/oauth/token
              JWKS:      \(base)/.well-known/jwks
            Ctrl-C stops it.

            """.utf8))
        _ = bound
        while !Task.isCancelled {
            try await Task.sleep(nanoseconds: 3_600_000_000_000)
        }
    }
}
