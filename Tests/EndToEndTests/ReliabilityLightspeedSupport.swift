import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `astro-loyalty lightspeed-sim` in its own process (so its data outlives each command run against it), driven
/// over its `/simulator/...` controls, and a store connected to it the way an admin connects one.
final class SimulatorProcess {
    let live: LiveProcess
    let base: String

    init(_ scratch: Scratch, data: String, registers: Int = 1) throws {
        live = try LiveProcess(["lightspeed-sim", "--data", data, "--port", "0", "--registers", String(registers)],
                               environment: scratch.environment,
                               directory: scratch.url)
        base = try live.wait("the simulator's address") { text -> String? in
            guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else { return nil }
            return String(text[range])
        }
    }

    deinit { live.stop() }

    /// POSTs a control (`ring-up`, `faults`, `edit`, `press-button`…) and returns the status and the body.
    @discardableResult
    func control(_ name: String, _ json: String) throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "\(base)/simulator/\(name)")!, timeoutInterval: 20)
        request.httpMethod = "POST"
        request.httpBody = Data(json.utf8)
        return try Self.send(request)
    }

    static func send(_ request: URLRequest, session: URLSession = .shared) throws -> (status: Int, body: String) {
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String)?
        session.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? -1, String(decoding: data ?? Data(), as: UTF8.self))
            semaphore.signal()
        }.resume()
        semaphore.wait()
        return try #require(result)
    }

    /// A config pointing every Lightspeed call at this simulator: Astro Loyalty's own public client (no client
    /// ID, no secret, no redirect in the config), as a store connects to the real Lightspeed.
    /// The sales watcher is off unless `watcher` is given: a test of the button must not race it.
    func writeConfig(in scratch: Scratch, buttonPort: Int = 8799, at path: String? = nil,
                     watcher: String = #"{"enabled": false}"#) throws -> String {
        let config = path ?? scratch.path("live-config.json")
        try FileManager.default.createDirectory(atPath: (config as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try """
        {"lightspeed": {"apiBaseURL": "\(base)", "authBaseURL": "\(base)", "requestTimeoutSeconds": 5},
         "button": {"port": \(buttonPort)}, "watcher": \(watcher)}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return config
    }

    /// The PKCE verifiers the simulator received (to look for them where they must not be).
    func codeVerifiers() throws -> [String] {
        let answer = try control("code-verifiers", "{}")
        let json = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        return json?["verifiers"] as? [String] ?? []
    }

    /// `lightspeed connect` as an admin: the authorize address, the simulator's approval, the pasted landing
    /// address. Returns the command's output (stdout and stderr) for the caller to inspect.
    func connect(_ scratch: Scratch, db: String, config: String, environment: [String: String]) throws -> String {
        let connect = try LiveProcess(["lightspeed", "connect", "--user", "admin", "--db", db, "--config", config],
                                      environment: environment, directory: scratch.url)
        connect.write("admin-demo\n")
        let authorize = try connect.wait("the authorize address") { text -> URL? in
            guard let range = text.range(of: #"http://\S+/auth/oauth/authorize\?\S+"#, options: .regularExpression)
            else { return nil }
            return URL(string: String(text[range]))
        }
        connect.write(try #require(approveInBrowser(authorize)) + "\n")
        connect.closeInput()
        #expect(connect.waitForExit() == 0, "\(connect.stderr)")
        return connect.stdout + "\n" + connect.stderr
    }
}

extension Scratch {
    /// The environment of a counter on Astro Loyalty's public client: no client secret anywhere (PKCE).
    var withoutClientSecret: [String: String] {
        var environment = self.environment
        environment["ASTRO_LIGHTSPEED_CLIENT_SECRET"] = nil
        environment["ASTRO_LIGHTSPEED_CLIENT_ID"] = nil
        return environment
    }
}
