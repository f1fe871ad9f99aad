import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit
import TestSupport
@testable import LoyaltyStore

let cashierUser = User(id: 2, username: "cashier", displayName: "Casey Cashier", role: .cashier)
let managerUser = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)

/// A shell with a test clock, and helpers to drive it like a person would.
struct Harness {
    let clock = TestClock()
    var feature: AppFeature
    var state: AppState

    init(idleLockMinutes: Int = 10) {
        let clock = clock
        feature = AppFeature(clock: { clock.now }, idleLockMinutes: idleLockMinutes)
        state = AppState(storeName: "Paws", now: clock.now)
    }

    @discardableResult
    mutating func send(_ msg: AppMsg) -> [Effect] { feature.update(&state, msg) }

    /// Types text into whatever the message wraps (`{ .lookup(.queryEdited($0)) }`); returns all effects.
    @discardableResult
    mutating func type(_ text: String, _ wrap: (Key) -> AppMsg) -> [Effect] {
        text.flatMap { send(wrap(.char($0))) }
    }

    /// Signs `user` in as if the store had accepted the password.
    mutating func signIn(_ user: User = cashierUser) {
        type(user.username) { .signIn(.edit($0)) }
        send(.signIn(.nextField))
        type("secret-pw") { .signIn(.edit($0)) }
        _ = send(.signIn(.submit))
        send(.signIn(.signedIn(user, .password)))
    }
}

func summary(_ id: Int64, _ first: String, _ last: String, phone: String? = nil, email: String? = nil) -> CustomerSummary {
    CustomerSummary(id: id, firstName: first, lastName: last, phone: phone, email: email, lightspeedCustomerID: nil,
                    openCards: 0, rewardsReady: 0, pointsBalance: 0)
}

/// A fresh store on a real file in its own temporary folder, with a cashier (password "cashier-pw", PIN 1234).
struct TestStore {
    let store: LoyaltyStore
    let clock = TestClock()
    let folder: URL
    static let admin = Operator(username: "admin", role: .admin)
    static let cashier = Operator(username: "cashier", role: .cashier)

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("loyalty-features-\(UUID().uuidString)")
        let clock = clock
        store = try LoyaltyStore(path: folder.appendingPathComponent("store.sqlite").path, clock: { clock.now },
                                 hasher: .insecureForTests)
        try store.createFirstAdmin(username: "admin", displayName: "Ada Admin", password: "admin-pw", pin: "9999")
        try store.addUser(username: "cashier", displayName: "Casey Cashier", role: .cashier, password: "cashier-pw",
                          pin: "1234", by: Self.admin)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
