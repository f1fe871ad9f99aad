import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing
import TestSupport
@testable import LoyaltyStore

let cashier = User(id: 2, username: "cashier", displayName: "Casey Cashier", role: .cashier)
let fixedNow = Date(timeIntervalSince1970: 1_750_000_000)

/// Builds screens' states the way the program does: through `AppFeature` messages.
struct Driver {
    var feature = AppFeature(clock: { fixedNow }, idleLockMinutes: 10)
    var state: AppState

    init(size: Size, training: Bool = false) {
        state = AppState(storeName: "Astro Pets", trainingMode: training, now: fixedNow, screenSize: size)
        _ = feature.update(&state, .resized(size))
    }

    @discardableResult
    mutating func send(_ msg: AppMsg) -> [Effect] { feature.update(&state, msg) }

    mutating func type(_ text: String, _ wrap: (Key) -> AppMsg) {
        for c in text { send(wrap(.char(c))) }
    }

    mutating func signIn() {
        type("cashier") { .signIn(.edit($0)) }
        send(.signIn(.nextField))
        type("cashier-pw") { .signIn(.edit($0)) }
        send(.signIn(.submit))
        send(.signIn(.signedIn(cashier, .password)))
        send(.dismissModal)
        state.status = nil
    }

    func render() -> ScreenBuffer {
        var buffer = ScreenBuffer(size: state.screenSize)
        AppScreen.render(state, into: &buffer)
        return buffer
    }
}

func customerRow(_ id: Int64, _ first: String, _ last: String, phone: String? = nil, email: String? = nil,
                 open: Int = 0, ready: Int = 0, points: Int = 0) -> CustomerSummary {
    CustomerSummary(id: id, firstName: first, lastName: last, phone: phone, email: email, lightspeedCustomerID: nil,
                    openCards: open, rewardsReady: ready, pointsBalance: points)
}

let sampleResults = [
    customerRow(1, "Sally", "Pet Owner", phone: "5558675309", email: "sally.petowner@example.com", open: 3, ready: 1,
                points: 240),
    customerRow(2, "李", "伟", phone: "5550101234", email: "li.wei@example.com", open: 1, points: 35),
    customerRow(3, "Zoë", "Saldaña", phone: "5550109999", email: nil, open: 0, points: 0),
    customerRow(4, "Salvador", "Dalí-Domènech-Extraordinarily-Long", phone: "44207946000", email: "salvador@museum.example",
                open: 2, ready: 2, points: 1200),
]

/// Compares a rendered buffer with its golden file (`SNAPSHOT_RECORD=1` re-records).
func expectSnapshot(_ buffer: ScreenBuffer, _ name: String, filePath: String = #filePath,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let check = GoldenFile.verify(Snapshot.render(buffer), named: name, filePath: filePath)
    #expect(check.passed, "\(check.message)", sourceLocation: sourceLocation)
}

let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
