import Foundation
import Testing
import Lightspeed
import LightspeedSimulator

/// The signer and verifier share a library; these tests check both against the `openssl` command line
/// (what Lightspeed's PHP demo uses: `openssl_verify`, SHA-256, PKCS#1 v1.5), so a shared mistake cannot hide.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
struct ButtonInteropTests {
    let listener = URL(string: "https://counter.example/lightspeed/button")!

    @discardableResult
    private func openssl(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func tempDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ls-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func simulatorSignaturesVerifyWithOpenSSLAndOpenSSLSignaturesVerifyHere() async throws {
        let directory = try tempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try openssl(["genrsa", "-out", "key.pem", "2048"], in: directory)
        try openssl(["rsa", "-in", "key.pem", "-pubout", "-out", "pub.pem"], in: directory)
        let pem = try String(contentsOf: directory.appendingPathComponent("key.pem"), encoding: .utf8)

        let clock = VirtualClock(start: Date())
        let simulator = try LightspeedSimulator(data: try Fixtures.simulatorData(),
                                                options: SimulatorOptions(buttonKeyPEM: pem, now: { clock.now() }))
        try await simulator.start()
        defer { Task { await simulator.stop() } }

        // 1. The simulator's signature, checked by openssl over our canonical text.
        let url = try await simulator.buttonURL(listener: listener, saleID: "277")
        let items = QueryEncoding.parse(String(url.absoluteString.split(separator: "?", maxSplits: 1)[1]))
        let canonical = ButtonSignature.canonicalString(base: ButtonSignature.normalizedBase(of: url), items: items)
        try Data(canonical.utf8).write(to: directory.appendingPathComponent("canonical.txt"))
        let signature = try #require(items.first { $0.0 == "signature" }.flatMap { Base64URL.decode($0.1) })
        try signature.write(to: directory.appendingPathComponent("sig.bin"))
        let verified = try openssl(["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.bin", "canonical.txt"], in: directory)
        #expect(verified.contains("Verified OK"))

        // 2. A click signed by openssl (as Lightspeed would), verified by ButtonVerifier with the JWKS.
        let exp = String(Int(clock.now().timeIntervalSince1970) + 300)
        let click: [(String, String)] = [("accountID", "12345"), ("alg", "RS256"), ("customerID", "8"), ("employeeID", "1"),
                                         ("exp", exp), ("kid", "SIM_BUTTON_2026_01"), ("registerID", "1"),
                                         ("returnURL", "https://us.lightspeedapp.com/register.php"), ("saleID", "277"),
                                         ("shopID", "1"), ("systemUserID", "4"), ("type", "sale")]
        let text = ButtonSignature.canonicalString(base: ButtonSignature.normalizedBase(of: listener), items: click)
        try Data(text.utf8).write(to: directory.appendingPathComponent("click.txt"))
        try openssl(["dgst", "-sha256", "-sign", "key.pem", "-out", "click.sig", "click.txt"], in: directory)
        let clickSignature = try Data(contentsOf: directory.appendingPathComponent("click.sig"))
        let clickURL = URL(string: listener.absoluteString + "?" + QueryEncoding.build(click + [("signature", Base64URL.encode(clickSignature))]))!
        let verifier = ButtonVerifier(jwksURL: await simulator.jwksURL, expectedAccountID: "12345", now: { clock.now() })
        let event = try await verifier.verify(url: clickURL).get()
        #expect(event.saleID == "277" && event.systemUserID == "4")
    }
}
