import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing
import TestSupport
@testable import LoyaltyStore

/// The whole program on the in-memory terminal: the real event loop, a real store, keys typed.
@Suite("Counter app in the event loop", .serialized)
struct EventLoopTests {
    @Test func signInSearchTooSmallAndQuit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("loyalty-ui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try LoyaltyStore(path: folder.appendingPathComponent("s.sqlite").path, hasher: .insecureForTests)
        try store.createFirstAdmin(username: "admin", displayName: "Ada", password: "admin-pw", pin: "9999")
        let admin = Operator(username: "admin", role: .admin)
        try store.addUser(username: "cashier", displayName: "Casey Cashier", role: .cashier, password: "cashier-pw",
                          pin: "1234", by: admin)
        try store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555-867-5309"), by: admin)

        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        let inbox = Inbox<AppMsg>()
        let runner = EffectRunner(store: store, policy: SalePointsPolicy(itemFeesEarnPoints: false), post: { inbox.post($0) })
        var app = CounterApp(state: AppState(), feature: AppFeature(idleLockMinutes: 10)) { effects in
            runner.perform(effects)
        }
        app.start()
        let loop = EventLoop(app: app, backend: backend, options: LoopOptions(pollInterval: .milliseconds(10)),
                             inbox: inbox)
        let finished = DispatchSemaphore(value: 0)
        let box = UncheckedBox(loop)
        let thread = Thread {
            _ = try? box.value.run()
            finished.signal()
        }
        thread.start()

        func waitFor(_ text: String) -> Bool {
            backend.waitForFrame(timeout: .seconds(5)) { $0.lines.joined(separator: "\n").contains(text) } != nil
        }
        #expect(waitFor("Username"))
        backend.type("cashier")
        backend.send(.tab)
        backend.type("cashier-pw")
        backend.send(.enter)
        #expect(waitFor("Customer lookup"))
        backend.type("sal")
        #expect(waitFor("Sally Pet Owner"))
        backend.resize(to: Size(width: 60, height: 20))
        #expect(waitFor("Please enlarge"))
        if let small = backend.lastFrame { expectSnapshot(small, "too-small-60x20") }
        backend.type("x")
        backend.resize(to: Size(width: 80, height: 24))
        #expect(waitFor("Sally Pet Owner"))
        #expect(backend.lastFrame?.lines.contains { $0.contains("Search: sal") } == true, "keys while too small are ignored")
        backend.send(.ctrl("q"))
        #expect(waitFor("Quit Astro Loyalty?"))
        backend.type("y")
        #expect(finished.wait(timeout: .now() + 5) == .success)
        #expect(backend.didEnd)
    }
}

/// Hands the loop to the thread that owns it (the test thread never touches it again).
final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
