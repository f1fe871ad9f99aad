import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import Lightspeed
import LightspeedSimulator

/// The `/simulator/...` controls a separate simulator process is driven with (training mode, tmux tests).
@Suite(.serialized)
struct SimulatorControlTests {
    private func post(_ harness: Harness, _ path: String, _ body: String) async throws -> (Int, LightspeedJSON) {
        var request = URLRequest(url: harness.configuration.apiBaseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        let answer = try await URLSessionTransport().send(request)
        return (answer.status, try LightspeedJSON.parse(answer.body))
    }

    @Test func ringUpByBarcodeRefundVoidAndSignedButtonOverHTTP() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        let (status, rung) = try await post(harness, "simulator/ring-up",
            #"{"customerID": "8", "lines": [{"code": "012345678905", "quantity": 2}, {"code": "BIRD-1"}], "registerID": "4"}"#)
        #expect(status == 200)
        let saleID = rung.string("saleID")
        let sale = try await harness.client.sale(id: saleID)
        #expect(sale.lines.map { $0.item?.id } == ["12", "30"])
        #expect(sale.lines.map(\.quantity) == [2, 1])
        #expect(sale.subtotalCents == 2 * 999 + 450 && sale.registerID == "4")

        let (_, refund) = try await post(harness, "simulator/refund", #"{"saleID": "\#(saleID)", "lineIDs": ["\#(sale.lines[1].id)"]}"#)
        let refundSale = try await harness.client.sale(id: refund.string("saleID"))
        #expect(refundSale.lines.map(\.quantity) == [-1] && refundSale.lines[0].parentSaleLineID == sale.lines[1].id)

        #expect(try await post(harness, "simulator/void", #"{"saleID": "\#(saleID)"}"#).0 == 200)
        #expect(try await harness.client.sale(id: saleID).voided)

        let (_, button) = try await post(harness, "simulator/button-url",
            #"{"listener": "http://127.0.0.1:8765/lightspeed/button", "saleID": "\#(saleID)"}"#)
        let url = try #require(URL(string: button.string("url")))
        let verifier = ButtonVerifier(jwksURL: await harness.simulator.jwksURL, expectedAccountID: "12345",
                                      now: { [clock = harness.clock] in clock.now() })
        #expect(try await verifier.verify(url: url).get().saleID == saleID)

        // Pressing opens the URL on the listener; here the simulator's own JWKS page stands in for one.
        let listener = harness.configuration.apiBaseURL.appendingPathComponent(".well-known/jwks").absoluteString
        let (_, pressed) = try await post(harness, "simulator/press-button", #"{"listener": "\#(listener)", "saleID": "\#(saleID)"}"#)
        #expect(pressed.string("status") == "200")
        #expect(pressed.string("url").contains("signature="))

        #expect(try await post(harness, "simulator/ring-up", #"{"lines": [{"code": "999"}]}"#).0 == 400)
        #expect(try await post(harness, "simulator/faults", #"{"faults": ["503", "slow:0.1", "nonsense"]}"#).0 == 400)
    }

    @Test func faultsQueuedOverHTTPReachTheClient() async throws {
        let harness = try await Harness.start()
        defer { Task { await harness.stop() } }
        _ = try await harness.client.account()
        #expect(try await post(harness, "simulator/faults", #"{"faults": ["none", "429:7"]}"#).1.string("queued") == "2")
        _ = try await harness.client.account()
        _ = try await harness.client.account()
        #expect(harness.clock.sleeps.contains(7))
        _ = try await post(harness, "simulator/expire-tokens", "{}")
        _ = try await harness.client.account()
        #expect(await harness.store.history.count == 1)
    }
}
