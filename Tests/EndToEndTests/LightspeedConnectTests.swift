import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A child process whose output is read as it comes (for a dialogue: wait for a prompt, then answer).
final class LiveProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let out: PipeCollector, err: PipeCollector

    init(_ arguments: [String], environment: [String: String], directory: URL) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        out = PipeCollector(output)
        err = PipeCollector(errors)
    }

    var stdout: String { out.text }
    var stderr: String { err.text }

    func write(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }
    func closeInput() { try? input.fileHandleForWriting.close() }

    /// Polls stdout+stderr until `condition` finds what it wants.
    func wait<T>(_ what: String, timeout: TimeInterval = 20, _ condition: (String) -> T?) throws -> T {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = condition(stdout + "\n" + stderr) { return found }
            usleep(20_000)
        }
        Issue.record("Timed out waiting for \(what). stdout:\n\(stdout)\nstderr:\n\(stderr)")
        throw TmuxScreen.TimedOut()
    }

    /// Waits (bounded) for the end and for both pipes to be read to their end, so `stdout` and `stderr` are whole.
    func waitForExit(timeout: TimeInterval = 30) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let drained = Date().addingTimeInterval(5)
        while !(out.finished && err.finished) && Date() < drained { usleep(5_000) }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.interrupt() }
        process.waitUntilExit()
    }
}

/// Follows no redirect: the authorize step's answer is the `Location` the browser would go to.
final class NoRedirects: NSObject, URLSessionTaskDelegate {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// The browser step of Enable Lightspeed: opens the authorize address (the simulator approves at once) and
/// returns where it redirects — the address the admin pastes back — without following it.
func approveInBrowser(_ authorize: URL) -> String? {
        let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var location: String?
        session.dataTask(with: authorize) { _, response, _ in
            location = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Location")
            semaphore.signal()
        }.resume()
        semaphore.wait()
    return location
}

/// Enable Lightspeed end to end: the real binary runs the simulator, and an admin connects to it exactly
/// as to a Lightspeed account (authorize address → approve → paste the address landed on).
@Suite(.serialized) struct LightspeedConnectTests {
    static let simulatorData = """
    {"Account": {"accountID": "12345", "name": "Happy Tails Pet Supply (sim)"},
     "Customer": {"customerID": "101", "firstName": "Sally", "lastName": "Pet Owner",
                  "Contact": {"Addresses": "", "Phones": "", "Emails": "", "Websites": ""}},
     "Item": {"itemID": "201", "description": "MeNow Munchies 12 lb", "upc": "007123000016"},
     "Sale": []}
    """

    /// Issue 13: connect with no client secret in the environment or the config (Astro Loyalty's public
    /// client, PKCE), landing on the registered HTTPS page and pasting its address.
    @Test func anAdminConnectsWithNoClientSecretUsingPKCEAndGetsTheButtonAddress() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let dataFile = scratch.path("sim.json")
        try Self.simulatorData.write(toFile: dataFile, atomically: true, encoding: .utf8)

        let simulator = try LiveProcess(["lightspeed-sim", "--data", dataFile, "--port", "0"],
                                        environment: scratch.environment, directory: scratch.url)
        defer { simulator.stop() }
        let base = try simulator.wait("the simulator's address") { text -> String? in
            guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else { return nil }
            return String(text[range])
        }
        let config = scratch.path("config.json")
        try """
        {"lightspeed": {"apiBaseURL": "\(base)", "authBaseURL": "\(base)"},
         "button": {"port": 8799}}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = scratch.withoutClientSecret

        let connect = try LiveProcess(["lightspeed", "connect", "--user", "admin", "--db", db, "--config", config],
                                      environment: environment, directory: scratch.url)
        connect.write("admin-demo\n")
        let authorize = try connect.wait("the authorize address") { text -> URL? in
            guard let range = text.range(of: #"http://\S+/auth/oauth/authorize\?\S+"#, options: .regularExpression)
            else { return nil }
            return URL(string: String(text[range]))
        }
        #expect(authorize.absoluteString.contains("state="))
        #expect(authorize.absoluteString.contains("client_id=astro-loyalty-counter"))
        #expect(authorize.absoluteString.contains("code_challenge_method=S256"))
        #expect(authorize.absoluteString.contains("code_challenge="))
        #expect(!authorize.absoluteString.contains("redirect_uri"))

        // The browser step: the simulator approves and redirects with the code and the state.
        let landed = try #require(approveInBrowser(authorize))
        #expect(landed.hasPrefix("https://localhost/lightspeed/callback?"))

        connect.write(landed + "\n")
        connect.closeInput()
        let status = connect.waitForExit()
        #expect(status == 0, "\(connect.stderr)")
        #expect(connect.stdout.contains("Connected to Lightspeed account Happy Tails Pet Supply (sim) (12345)."))
        #expect(connect.stdout.contains("http://127.0.0.1:8799/lightspeed/button"))
        #expect(connect.stdout.contains("Refund tab"))
        #expect(!connect.stdout.contains("sim-secret") && !connect.stderr.contains("sim-secret"))
        // The verifier the simulator checked never reached the output.
        let controls = URL(string: "\(base)/simulator/code-verifiers")!
        var request = URLRequest(url: controls)
        request.httpMethod = "POST"
        request.httpBody = Data("{}".utf8)
        let answer = try SimulatorProcess.send(request)
        let verifiers = (try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["verifiers"] as? [String]
        let verifier = try #require(verifiers?.first)
        #expect(verifier.count >= 43)
        #expect(!connect.stdout.contains(verifier) && !connect.stderr.contains(verifier))
        #expect(connect.stderr.contains("Lightspeed then opens an https:// page"))

        let stored = try sqlite(db, "SELECT account_id || ' ' || length(access_token) || ' ' || length(refresh_token) FROM lightspeed_link")
        let parts = stored.split(separator: " ")
        #expect(parts.first == "12345")
        #expect(parts.dropFirst().allSatisfy { Int($0) ?? 0 > 10 })
        #expect(try sqlite(db, "SELECT username || ' ' || action FROM audit_log ORDER BY id DESC LIMIT 1")
                .hasPrefix("admin lightspeed"))

        let checked = try scratch.runWith(environment, ["lightspeed", "status", "--check", "--json", "--db", db, "--config", config])
        #expect(checked.status == 0, "\(checked.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        #expect(report["connected"] as? Bool == true)
        #expect((report["checked"] as? String)?.hasPrefix("ok") == true)

        let gone = try scratch.runWith(environment, ["lightspeed", "disconnect", "--user", "admin", "--db", db, "--config", config],
                                       stdin: "admin-demo\n")
        #expect(gone.status == 0, "\(gone.stderr)")
        #expect(try sqlite(db, "SELECT count(*) FROM lightspeed_link") == "0")
    }

    @Test func aCashierCannotConnectAndAWrongPasteChangesNothing() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let config = scratch.path("config.json")
        try #"{"lightspeed": {"apiBaseURL": "http://127.0.0.1:9", "authBaseURL": "http://127.0.0.1:9"}}"#
            .write(toFile: config, atomically: true, encoding: .utf8)
        let environment = scratch.withoutClientSecret
        let cashier = try scratch.runWith(environment, ["lightspeed", "connect", "--user", "cashier", "--db", db, "--config", config],
                                          stdin: "cashier-demo\n")
        #expect(cashier.status != 0)
        #expect(cashier.stderr.contains("Only an admin"))

        let wrong = try scratch.runWith(environment, ["lightspeed", "connect", "--user", "admin", "--db", db, "--config", config],
                                        stdin: "admin-demo\nhttps://localhost/cb?code=abc&state=not-ours\n")
        #expect(wrong.status != 0)
        #expect(wrong.stderr.contains("another connection attempt"))
        #expect(try sqlite(db, "SELECT count(*) FROM lightspeed_link") == "0")
    }
}

extension Scratch {
    /// `run` with extra environment (the client secret goes there, never on the command line).
    func runWith(_ environment: [String: String], _ arguments: [String], stdin: String = "") throws -> CommandResult {
        let live = try LiveProcess(arguments, environment: environment, directory: url)
        live.write(stdin)
        live.closeInput()
        let status = live.waitForExit()
        return CommandResult(status: status, stdout: live.stdout, stderr: live.stderr)
    }
}
