import Foundation
import LoyaltyCore
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lightspeed
import LightspeedSimulator
import LoyaltyStore
import Testing
@testable import AstroLoyaltyApp

/// Events the listener handed on, collected across threads.
final class EventBox: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ButtonEvent] = []
    func add(_ event: ButtonEvent) { lock.withLock { list.append(event) } }
    var events: [ButtonEvent] { lock.withLock { list } }
}

/// The button listener over real HTTP on loopback, with URLs signed by the simulator's key.
@Suite(.serialized) struct LightspeedListenerTests {
    struct Running {
        let world: LightspeedWorld
        let listener: ButtonListener
        let box: EventBox
        let url: URL

        func get(_ url: URL) async throws -> (Int, String) {
            let (data, response) = try await URLSession.shared.data(from: url)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        func refusals() throws -> [AuditEntry] {
            try world.store.auditLog(AuditFilter(action: .buttonRefused))
        }

        func close() async {
            await listener.stop()
            await world.close()
        }
    }

    static func start(expectedAccount: String = "12345") async throws -> Running {
        let world = try await LightspeedWorld.make()
        let verifier = ButtonVerifier(jwksURL: await world.simulator.jwksURL, expectedAccountID: expectedAccount)
        let box = EventBox()
        let listener = ButtonListener(port: 0, verifier: verifier, store: world.store) { box.add($0) }
        try await listener.start()
        return Running(world: world, listener: listener, box: box, url: await listener.buttonURL)
    }

    @Test func aValidSignatureIsAcceptedAndTheEventPosted() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let saleID = try await r.world.ringUp(customer: "101", [("201", 1)])
        let signed = try await r.world.simulator.buttonURL(listener: r.url, saleID: saleID, type: "sale")

        let (status, body) = try await r.get(signed)

        #expect(status == 200)
        #expect(body.contains("Back to Lightspeed"))
        #expect(body.contains("/register.php"))
        #expect(r.box.events.map(\.saleID) == [saleID])
        #expect(r.box.events.first?.kind == .sale)
        #expect(r.box.events.first?.customerID == "101")
        #expect(try r.refusals().isEmpty)
    }

    @Test func theRefundTabsPressIsARefundEvent() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let saleID = try await r.world.ringUp(customer: "101", [("201", 1)])
        let refundID = try await r.world.simulator.refundSale(saleID)
        let (status, _) = try await r.get(try await r.world.simulator.buttonURL(listener: r.url, saleID: refundID, type: "refund"))
        #expect(status == 200)
        #expect(r.box.events.first?.kind == .refund)
    }

    @Test func aForgedRequestIsRefusedAndAudited() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let saleID = try await r.world.ringUp(customer: "101", [("201", 1)])
        let signed = try await r.world.simulator.buttonURL(listener: r.url, saleID: saleID, type: "sale")
        // Someone edits the sale ID in a genuine link.
        let forged = URL(string: signed.absoluteString.replacingOccurrences(of: "saleID=\(saleID)", with: "saleID=1"))!

        let (status, body) = try await r.get(forged)

        #expect(status == 401)
        #expect(body.contains("signature does not match"))
        #expect(r.box.events.isEmpty)
        let refusals = try r.refusals()
        #expect(refusals.count == 1)
        #expect(refusals.first?.summary.contains("signature") == true)
        #expect(refusals.first?.details.contains("\"saleID\":\"1\"") == true)
    }

    @Test func anExpiredLinkIsRefused() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let saleID = try await r.world.ringUp(customer: "101", [("201", 1)])
        let expired = try await r.world.simulator.buttonURL(listener: r.url, saleID: saleID, type: "sale", expiresIn: -60)
        let (status, body) = try await r.get(expired)
        #expect(status == 401)
        #expect(body.contains("expired"))
        #expect(r.box.events.isEmpty)
        #expect(try r.refusals().count == 1)
    }

    @Test func anotherAccountsPressIsRefused() async throws {
        let r = try await Self.start(expectedAccount: "99999")
        defer { Task { await r.close() } }
        let saleID = try await r.world.ringUp(customer: "101", [("201", 1)])
        let (status, _) = try await r.get(try await r.world.simulator.buttonURL(listener: r.url, saleID: saleID))
        #expect(status == 403)
        #expect(r.box.events.isEmpty)
        #expect(try r.refusals().first?.summary.contains("account 12345") == true)
    }

    @Test func missingFieldsAreRefused() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let bare = URL(string: r.url.absoluteString + "?type=sale&accountID=12345&saleID=5")!
        let (status, body) = try await r.get(bare)
        #expect(status == 400)
        #expect(body.contains("missing"))
        #expect(body.contains("signature"))
        #expect(r.box.events.isEmpty)
        #expect(try r.refusals().count == 1)
    }

    @Test func aReplayedLinkIsRefused() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let saleID = try await r.world.ringUp(customer: "101", [("201", 1)])
        let signed = try await r.world.simulator.buttonURL(listener: r.url, saleID: saleID)
        let first = try await r.get(signed)
        let second = try await r.get(signed)
        #expect(first.0 == 200)
        #expect(second.0 == 409)
        #expect(r.box.events.count == 1)
        #expect(try r.refusals().count == 1)
    }

    @Test func otherPathsAndMethodsAreNotTheButton() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let (status, _) = try await r.get(URL(string: "http://127.0.0.1:\(await r.listener.port)/")!)
        #expect(status == 404)
        var post = URLRequest(url: r.url)
        post.httpMethod = "POST"
        let (_, response) = try await URLSession.shared.data(for: post)
        #expect((response as? HTTPURLResponse)?.statusCode == 405)
        #expect(r.box.events.isEmpty)
    }

    @Test func itListensOnLoopbackOnly() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let port = await r.listener.port
        // 127.0.0.2 reaches this machine too, but only a socket bound to every address would answer it.
        await #expect(throws: (any Error).self) {
            var request = URLRequest(url: URL(string: "http://127.0.0.2:\(port)\(ButtonListener.path)")!)
            request.timeoutInterval = 2
            _ = try await URLSession.shared.data(for: request)
        }
        let (status, _) = try await r.get(URL(string: "http://127.0.0.1:\(port)/")!)
        #expect(status == 404)
    }

    @Test func aTakenPortIsAClearError() async throws {
        let r = try await Self.start()
        defer { Task { await r.close() } }
        let taken = await r.listener.port
        let verifier = ButtonVerifier(jwksURL: await r.world.simulator.jwksURL, expectedAccountID: "12345")
        let second = ButtonListener(port: taken, verifier: verifier, store: r.world.store) { _ in }
        await #expect(throws: ButtonListenerError.self) { try await second.start() }
        #expect(ButtonListenerError.cannotListen(port: taken, detail: "").description.contains("button off"))
    }
}
