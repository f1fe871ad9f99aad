import Foundation
import Testing

/// The demo store is built once per test run (its users' secrets are slow hashes on purpose) and
/// copied into each test's scratch folder.
enum DemoFixture {
    static let template: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("astro-demo-template-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("demo.sqlite").path
        if !FileManager.default.fileExists(atPath: path) {
            let scratch = try! Scratch()
            let result = try! scratch.run(["init", "--demo", "--db", path])
            precondition(result.status == 0, "init --demo failed: \(result.stderr)")
        }
        return path
    }()

    /// A fresh copy of the demo store inside `scratch`.
    static func copy(into scratch: Scratch, name: String = "store.sqlite") throws -> String {
        let destination = scratch.path(name)
        try FileManager.default.copyItem(atPath: template, toPath: destination)
        return destination
    }
}
